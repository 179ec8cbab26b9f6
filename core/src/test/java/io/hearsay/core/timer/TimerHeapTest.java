package io.hearsay.core.timer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimerHeapTest
{
    @Test
    void shouldExpireTimersInDeadlineOrderAndOnlyWhenDue()
    {
        final TimerHeap heap = new TimerHeap();
        final SplittableRandom random = new SplittableRandom(3);
        final long[] deadlines = new long[1000];
        for (int i = 0; i < deadlines.length; i++)
        {
            deadlines[i] = random.nextLong(1_000_000);
            heap.schedule(deadlines[i], i % 5, deadlines[i] * 2);
        }
        Arrays.sort(deadlines);
        assertThat(heap.poll(deadlines[0] - 1)).isFalse();
        for (final long deadline : deadlines)
        {
            assertThat(heap.nextDeadlineNs()).isEqualTo(deadline);
            assertThat(heap.poll(deadline)).isTrue();
            assertThat(heap.expiredArgument()).isEqualTo(deadline * 2);
        }
        assertThat(heap.size()).isZero();
        assertThat(heap.nextDeadlineNs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldCompareDeadlinesAcrossOverflow()
    {
        final TimerHeap heap = new TimerHeap();
        heap.schedule(Long.MAX_VALUE - 5, 1, 1);
        heap.schedule(Long.MIN_VALUE + 5, 2, 2);
        assertThat(heap.poll(Long.MAX_VALUE - 5)).isTrue();
        assertThat(heap.expiredKind()).isEqualTo(1);
        assertThat(heap.poll(Long.MAX_VALUE)).isFalse();
        assertThat(heap.poll(Long.MIN_VALUE + 5)).isTrue();
        assertThat(heap.expiredKind()).isEqualTo(2);
    }
}
