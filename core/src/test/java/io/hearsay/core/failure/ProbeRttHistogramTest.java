package io.hearsay.core.failure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Probe round trips: percentiles within the histogram's 12.5 % resolution, recent probes weighing most. */
class ProbeRttHistogramTest
{
    @Test
    void shouldAnswerZeroWhenNothingWasTimed()
    {
        final ProbeRttHistogram h = new ProbeRttHistogram();
        h.onRoundTripNs(-5);
        assertThat(h.percentileMicros(0.5)).isZero();
        assertThat(h.samples()).isZero();
    }

    @Test
    void shouldGiveMedianAndTailOfAKnownDistribution()
    {
        final ProbeRttHistogram h = new ProbeRttHistogram();
        // 98 probes at 300 us, 2 at 40 ms: p50 300 us, p99 40 ms
        for (int i = 0; i < 98; i++)
        {
            h.onRoundTripNs(300_000);
        }
        h.onRoundTripNs(40_000_000);
        h.onRoundTripNs(40_000_000);
        assertThat((double)h.percentileMicros(0.5)).isCloseTo(300, within(300 * 0.125));
        assertThat((double)h.percentileMicros(0.99)).isCloseTo(40_000, within(40_000 * 0.125));
        assertThat(h.samples()).isEqualTo(100);
    }

    @Test
    void shouldBeExactBelowSixteenMicrosAndBoundedAbove()
    {
        for (long us = 0; us < 16; us++)
        {
            assertThat(ProbeRttHistogram.midMicros(ProbeRttHistogram.indexOf(us))).isEqualTo(us);
        }
        for (long us = 16; us < 1L << 31; us = us * 3 / 2 + 1)
        {
            final int index = ProbeRttHistogram.indexOf(us);
            assertThat(ProbeRttHistogram.lowerBoundMicros(index)).as("%d us", us).isLessThanOrEqualTo(us);
            assertThat((double)ProbeRttHistogram.midMicros(index)).as("%d us", us).isCloseTo(us, within(us * 0.125));
        }
        final ProbeRttHistogram h = new ProbeRttHistogram();
        h.onRoundTripNs(Long.MAX_VALUE); // a clock jump lands in the last bucket, not out of bounds
        assertThat(h.percentileMicros(1)).isPositive();
    }

    @Test
    void shouldFollowTheRecentProbes()
    {
        final ProbeRttHistogram h = new ProbeRttHistogram();
        for (int i = 0; i < 10_000; i++)
        {
            h.onRoundTripNs(5_000_000); // 5 ms for a long time
        }
        for (int i = 0; i < 4 * ProbeRttHistogram.WINDOW; i++)
        {
            h.onRoundTripNs(200_000); // then 200 us
        }
        assertThat((double)h.percentileMicros(0.5)).isCloseTo(200, within(25.0));
    }
}
