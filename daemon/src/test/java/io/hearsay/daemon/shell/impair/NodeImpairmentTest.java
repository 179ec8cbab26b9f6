package io.hearsay.daemon.shell.impair;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Impairment decisions stepped by hand: no sockets, no real clock. */
class NodeImpairmentTest
{
    private static final long PEER = 0x7F00_0001_1F90L;
    private static final long OTHER = 0x7F00_0001_1F91L;

    @Test
    void shouldLoseTheConfiguredShareWithBernoulliLoss()
    {
        final NodeImpairment impairment = new NodeImpairment(7, ImpairmentSpec.parse("loss=0.2"));
        int sent = 0;
        for (int i = 0; i < 100_000; i++)
        {
            sent += impairment.planSend(i, PEER);
        }
        assertThat(sent / 100_000.0).isBetween(0.79, 0.81);
        assertThat(impairment.stats().lost).isEqualTo(100_000 - sent);
    }

    @Test
    void shouldGiveTheSameFatesForTheSameSeed()
    {
        final NodeImpairment a = new NodeImpairment(99, ImpairmentSpec.parse("loss=0.3,dup=0.1,delay=uniform:10:5"));
        final NodeImpairment b = new NodeImpairment(99, ImpairmentSpec.parse("loss=0.3,dup=0.1,delay=uniform:10:5"));
        for (int i = 0; i < 10_000; i++)
        {
            final int copies = a.planSend(i, PEER);
            assertThat(b.planSend(i, PEER)).isEqualTo(copies);
            for (int c = 0; c < copies; c++)
            {
                assertThat(b.copyDelayNs(c)).isEqualTo(a.copyDelayNs(c));
            }
        }
    }

    @Test
    void shouldLoseInBurstsWithGilbertElliott()
    {
        // stationary P(bad) = p / (p + r) = 0.05 / 0.25 = 0.2, all lost in bad, none in good
        final NodeImpairment impairment = new NodeImpairment(3, ImpairmentSpec.parse("ge=0.05:0.2:1.0:0.0"));
        int lost = 0;
        int bursts = 0;
        boolean previousLost = false;
        for (int i = 0; i < 200_000; i++)
        {
            final boolean isLost = impairment.planSend(i, PEER) == 0;
            if (isLost)
            {
                lost++;
                if (!previousLost)
                {
                    bursts++;
                }
            }
            previousLost = isLost;
        }
        assertThat(lost / 200_000.0).isBetween(0.18, 0.22);
        // mean burst length is 1 / r = 5, far above Bernoulli's 1 / (1 - 0.2) = 1.25
        assertThat((double)lost / bursts).isBetween(4.5, 5.5);
    }

    @Test
    void shouldDelayWithinTheJitterBounds()
    {
        final NodeImpairment impairment = new NodeImpairment(5, ImpairmentSpec.parse("delay=uniform:20:5"));
        for (int i = 0; i < 10_000; i++)
        {
            assertThat(impairment.planSend(i, PEER)).isEqualTo(1);
            assertThat(impairment.copyDelayNs(0)).isBetween(15_000_000L, 25_000_000L);
        }
    }

    @Test
    void shouldDuplicateTheConfiguredShare()
    {
        final NodeImpairment impairment = new NodeImpairment(5, ImpairmentSpec.parse("dup=0.25"));
        int copies = 0;
        for (int i = 0; i < 100_000; i++)
        {
            copies += impairment.planSend(i, PEER);
        }
        assertThat(copies / 100_000.0).isBetween(1.24, 1.26);
    }

    @Test
    void shouldBlockOneWayAndHealEverything()
    {
        final NodeImpairment impairment = new NodeImpairment(1, ImpairmentSpec.NONE);
        impairment.blockOutbound(PEER);
        assertThat(impairment.planSend(0, PEER)).isZero();
        assertThat(impairment.planSend(0, OTHER)).isEqualTo(1);
        assertThat(impairment.dropsInbound(0, PEER)).isFalse();
        impairment.blockInbound(OTHER);
        assertThat(impairment.dropsInbound(0, OTHER)).isTrue();
        impairment.heal();
        assertThat(impairment.planSend(0, PEER)).isEqualTo(1);
        assertThat(impairment.dropsInbound(0, OTHER)).isFalse();
    }

    @Test
    void shouldImpairOnlyTheChosenPeer()
    {
        final NodeImpairment impairment = new NodeImpairment(1, ImpairmentSpec.NONE);
        impairment.impairPeer(PEER, ImpairmentSpec.parse("loss=1"));
        assertThat(impairment.planSend(0, PEER)).isZero();
        assertThat(impairment.planSend(0, OTHER)).isEqualTo(1);
    }

    @Test
    void shouldSleepUntilTheDeadlineThenWake()
    {
        final NodeImpairment impairment = new NodeImpairment(1, ImpairmentSpec.NONE);
        impairment.sleep(1_000, 500);
        assertThat(impairment.planSend(1_200, PEER)).isZero();
        assertThat(impairment.dropsInbound(1_499, PEER)).isTrue();
        assertThat(impairment.planSend(1_500, PEER)).isEqualTo(1);
        assertThat(impairment.dropsInbound(1_501, PEER)).isFalse();
    }

    @Test
    void shouldReleaseDelayedDatagramsInDueOrderAndLetReorderedOnesBeOvertaken()
    {
        final DelayedSendQueue queue = new DelayedSendQueue(16, 64);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        for (int i = 0; i < 5; i++)
        {
            buffer.putInt(0, i);
            // datagram 1 is held back 30 more (reordered); the others leave in order
            queue.offer(i == 1 ? 40 + i : 10 + i, 0, PEER, buffer, 0, 4);
        }
        final List<Integer> released = new ArrayList<>();
        assertThat(queue.drain(9, (n, to, b, o, l) -> released.add(b.getInt(o)))).isZero();
        assertThat(queue.drain(20, (n, to, b, o, l) -> released.add(b.getInt(o)))).isEqualTo(4);
        assertThat(queue.drain(41, (n, to, b, o, l) -> released.add(b.getInt(o)))).isEqualTo(1);
        assertThat(released).containsExactly(0, 2, 3, 4, 1);
    }

    @Test
    void shouldCountOverflowOfTheDelayQueue()
    {
        final DelayedSendQueue queue = new DelayedSendQueue(2, 64);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        assertThat(queue.offer(1, 0, PEER, buffer, 0, 8)).isTrue();
        assertThat(queue.offer(1, 0, PEER, buffer, 0, 8)).isTrue();
        assertThat(queue.offer(1, 0, PEER, buffer, 0, 8)).isFalse();
        assertThat(queue.overflows()).isEqualTo(1);
        queue.discardNode(0);
        assertThat(queue.size()).isZero();
    }

    @Test
    void shouldNameTheBadValueAndWhatIsAccepted()
    {
        assertThatThrownBy(() -> ImpairmentSpec.parse("loss=1.5")).hasMessageContaining("1.5").hasMessageContaining("0..1");
        assertThatThrownBy(() -> ImpairmentSpec.parse("jitter=3")).hasMessageContaining("jitter").hasMessageContaining("accepted");
        assertThatThrownBy(() -> ImpairmentSpec.parse("delay=gauss:3:1")).hasMessageContaining("gauss");
        assertThat(ImpairmentSpec.parse(ImpairmentSpec.parse("loss=0.1,ge=0.01:0.3:1.0:0.0,delay=normal:20:5,dup=0.01,reorder=0.05:30").toString()))
            .isEqualTo(ImpairmentSpec.parse("loss=0.1,ge=0.01:0.3,delay=normal:20:5,dup=0.01,reorder=0.05:30"));
    }
}
