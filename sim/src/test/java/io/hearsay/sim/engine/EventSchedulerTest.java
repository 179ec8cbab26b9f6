package io.hearsay.sim.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchedulerTest
{
    @Test
    void shouldDeliverEventsByTimeThenSequenceAcrossRingAndOverflowHeap()
    {
        final EventScheduler scheduler = new EventScheduler(2_000_000, 4); // ring of 2,048 us
        scheduler.schedule(5_000_000_000L, 1, 1, 0, 0); // far: heap
        scheduler.schedule(1_000_000, 1, 2, 0, 0);      // ring
        scheduler.schedule(5_000_000_000L, 1, 3, 0, 0); // far, same time, later sequence
        scheduler.schedule(1_000_000, 1, 4, 0, 0);      // ring, same tick as 2
        scheduler.schedule(0, 1, 5, 0, 0);
        scheduler.schedule(3_000_000_000L, 1, 6, 0, 0);

        final List<Integer> order = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        while (scheduler.next(Long.MAX_VALUE))
        {
            order.add(scheduler.a());
            times.add(scheduler.nowNs());
            if (scheduler.a() == 6)
            {
                scheduler.schedule(scheduler.nowNs() + 2_000_000_000L, 1, 7, 0, 0); // at 5 s too: after 1 and 3
            }
        }

        assertThat(order).containsExactly(5, 2, 4, 6, 1, 3, 7);
        assertThat(times).containsExactly(0L, 1_000_000L, 1_000_000L, 3_000_000_000L, 5_000_000_000L, 5_000_000_000L, 5_000_000_000L);
        assertThat(scheduler.pending()).isZero();
        assertThat(scheduler.processed()).isEqualTo(7);
    }

    @Test
    void shouldStopAtTheLimitAndKeepLaterEvents()
    {
        final EventScheduler scheduler = new EventScheduler(1_000_000, 4);
        scheduler.schedule(10_000, 2, 1, 11, 12);
        scheduler.schedule(10_000_000_000L, 2, 2, 0, 0);

        assertThat(scheduler.next(1_000_000)).isTrue();
        assertThat(scheduler.kind()).isEqualTo(2);
        assertThat(scheduler.b()).isEqualTo(11);
        assertThat(scheduler.c()).isEqualTo(12);
        assertThat(scheduler.next(1_000_000)).isFalse();
        assertThat(scheduler.pending()).isEqualTo(1);
    }

    @Test
    void shouldGrowThePoolAndReuseSlots()
    {
        final EventScheduler scheduler = new EventScheduler(1_000_000, 1);
        for (int i = 0; i < 10_000; i++)
        {
            scheduler.schedule(i * 1_000L, 3, i, -i, i * 2);
        }
        int expected = 0;
        while (scheduler.next(Long.MAX_VALUE))
        {
            assertThat(scheduler.a()).isEqualTo(expected);
            assertThat(scheduler.b()).isEqualTo(-expected);
            expected++;
        }
        assertThat(expected).isEqualTo(10_000);
    }

    @Test
    void shouldRefuseAnOutOfRangeKind()
    {
        final EventScheduler scheduler = new EventScheduler(1_000_000, 1);
        assertThatThrownBy(() -> scheduler.schedule(0, 16, 0, 0, 0)).hasMessageContaining("kind 16");
    }

    @Test
    void shouldDrawTheSameNumbersFromTheSameSeed()
    {
        final SimRandom a = new SimRandom(42);
        final SimRandom b = new SimRandom(42);
        final SimRandom c = new SimRandom(43);
        boolean differs = false;
        for (int i = 0; i < 1000; i++)
        {
            final long x = a.nextLong();
            assertThat(b.nextLong()).isEqualTo(x);
            differs |= c.nextLong() != x;
            final int bounded = a.nextInt(7);
            b.nextInt(7);
            assertThat(bounded).isBetween(0, 6);
        }
        assertThat(differs).isTrue();
    }
}
