package io.hearsay.core.impair;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** One node's impairment stepped with a hand clock: no sockets, no real time. */
class NodeImpairmentTest
{
    private static final long PEER = 0x7F00_0001_1F90L;
    private static final long OTHER = 0x7F00_0001_1F91L;

    private static NodeImpairment node(final long seed, final String link)
    {
        return new NodeImpairment(new SplittableRandom(seed), LinkImpairment.parse("test", link));
    }

    @Test
    void shouldLoseWithinBinomialBoundsWithBernoulliLoss()
    {
        final int n = 100_000;
        final NodeImpairment impairment = node(7, "loss p=0.2");
        int sent = 0;
        for (int i = 0; i < n; i++)
        {
            sent += impairment.planSend(i, PEER);
        }
        // binomial(n, 0.2): sd = sqrt(n p (1-p)) = 126.5; 5 sd either side
        assertThat(n - sent).isBetween(20_000 - 633, 20_000 + 633);
        assertThat(impairment.counters().lost).isEqualTo(n - sent);
    }

    @Test
    void shouldGiveTheSameFatesForTheSameSeed()
    {
        final NodeImpairment a = node(99, "loss p=0.3; duplicate p=0.1; delay dist=uniform:5ms,15ms");
        final NodeImpairment b = node(99, "loss p=0.3; duplicate p=0.1; delay dist=uniform:5ms,15ms");
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
    void shouldLoseInBurstsOfTheGilbertElliottMeanLength()
    {
        // stationary P(bad) = p / (p + r) = 0.05 / 0.25 = 0.2, all lost in bad, none in good
        final NodeImpairment impairment = node(3, "loss ge=0.05:0.2:1:0");
        int lost = 0;
        int bursts = 0;
        boolean previousLost = false;
        for (int i = 0; i < 200_000; i++)
        {
            final boolean isLost = impairment.planSend(i, PEER) == 0;
            if (isLost)
            {
                lost++;
                bursts += previousLost ? 0 : 1;
            }
            previousLost = isLost;
        }
        assertThat(lost / 200_000.0).isBetween(0.18, 0.22);
        // mean burst length is 1 / r = 5, far above Bernoulli's 1 / (1 - 0.2) = 1.25
        assertThat((double)lost / bursts).isBetween(4.5, 5.5);
    }

    @Test
    void shouldDuplicateTheConfiguredShareAndDelayEachCopy()
    {
        final NodeImpairment impairment = node(5, "duplicate p=0.25; delay dist=uniform:15ms,25ms");
        int copies = 0;
        for (int i = 0; i < 100_000; i++)
        {
            final int c = impairment.planSend(i, PEER);
            for (int k = 0; k < c; k++)
            {
                assertThat(impairment.copyDelayNs(k)).isBetween(15_000_000L, 25_000_000L);
            }
            copies += c;
        }
        assertThat(copies - 100_000).isBetween(25_000 - 685, 25_000 + 685);
        assertThat(impairment.counters().duplicated).isEqualTo(copies - 100_000);
    }

    @Test
    void shouldHoldBackReorderedDatagramsByTheHold()
    {
        final NodeImpairment impairment = node(5, "delay dist=10ms; reorder p=0.1 hold=30ms");
        int held = 0;
        for (int i = 0; i < 10_000; i++)
        {
            impairment.planSend(i, PEER);
            final long d = impairment.copyDelayNs(0);
            assertThat(d).isIn(10_000_000L, 40_000_000L);
            held += d == 40_000_000L ? 1 : 0;
        }
        assertThat(held).isEqualTo((int)impairment.counters().reordered).isBetween(1_000 - 150, 1_000 + 150);
    }

    @Test
    void shouldBlockOneWayAndHealEverything()
    {
        final NodeImpairment impairment = node(1, "none");
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
    void shouldBlockBothWays()
    {
        final NodeImpairment impairment = node(1, "none");
        impairment.block(PEER);
        assertThat(impairment.planSend(0, PEER)).isZero();
        assertThat(impairment.dropsInbound(0, PEER)).isTrue();
        assertThat(impairment.counters().blockedOutbound).isEqualTo(1);
        assertThat(impairment.counters().blockedInbound).isEqualTo(1);
    }

    @Test
    void shouldImpairOnlyTheChosenPeer()
    {
        final NodeImpairment impairment = node(1, "none");
        impairment.impairPeer(PEER, LinkImpairment.parse("test", "loss p=1"));
        assertThat(impairment.planSend(0, PEER)).isZero();
        assertThat(impairment.planSend(0, OTHER)).isEqualTo(1);
    }

    @Test
    void shouldSleepUntilTheDeadlineThenWake()
    {
        final NodeImpairment impairment = node(1, "none");
        impairment.sleep(1_000, 500);
        assertThat(impairment.planSend(1_200, PEER)).isZero();
        assertThat(impairment.dropsInbound(1_499, PEER)).isTrue();
        assertThat(impairment.planSend(1_500, PEER)).isEqualTo(1);
        assertThat(impairment.dropsInbound(1_501, PEER)).isFalse();
    }
}
