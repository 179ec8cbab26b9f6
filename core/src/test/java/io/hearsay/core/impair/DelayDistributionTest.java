package io.hearsay.core.impair;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Sample moments of each distribution for a fixed seed, against the closed forms. */
class DelayDistributionTest
{
    private static final int N = 200_000;

    private static double[] samplesMs(final String spec, final long jitterNs)
    {
        final DelayDistribution d = DelayDistribution.parse(spec, jitterNs);
        final SplittableRandom random = new SplittableRandom(2026);
        final double[] ms = new double[N];
        for (int i = 0; i < N; i++)
        {
            ms[i] = d.sampleNs(random) / 1e6;
        }
        return ms;
    }

    private static double mean(final double[] x)
    {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double sd(final double[] x)
    {
        final double m = mean(x);
        return Math.sqrt(Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // spec, mean ms, sd ms (closed forms)
        "'uniform:10ms,20ms', 15, 2.8868",
        "'normal:20ms,5ms', 20, 5",
        "'exponential:10ms', 10, 10",
        "'lognormal:10ms,0.5', 11.3315, 6.0390",
        "'pareto:5ms,3.5', 7, 3.0551"})
    void shouldMatchTheClosedFormMoments(final String spec, final double meanMs, final double sdMs)
    {
        final double[] x = samplesMs(spec, 0);
        // the mean within 5 standard errors; the sample sd within 3% (pareto's heavier tail: 10%)
        assertThat(mean(x)).isCloseTo(meanMs, within(5 * sdMs / Math.sqrt(N)));
        assertThat(sd(x)).isCloseTo(sdMs, within(sdMs * (spec.startsWith("pareto") ? 0.10 : 0.03)));
    }

    @Test
    void shouldKeepParetoAboveItsScaleAndLognormalAroundItsMedian()
    {
        assertThat(Arrays.stream(samplesMs("pareto:5ms,3.5", 0)).min().orElseThrow()).isGreaterThanOrEqualTo(5.0);
        final double[] x = samplesMs("lognormal:10ms,0.5", 0);
        Arrays.sort(x);
        assertThat(x[N / 2]).isCloseTo(10.0, within(0.1));
    }

    @Test
    void shouldAddUniformJitterBelowItsWidth()
    {
        final double[] x = samplesMs("10ms", 2_000_000);
        assertThat(Arrays.stream(x).min().orElseThrow()).isGreaterThanOrEqualTo(10.0);
        assertThat(Arrays.stream(x).max().orElseThrow()).isLessThan(12.0);
        assertThat(mean(x)).isCloseTo(11.0, within(0.01));
    }

    @Test
    void shouldDrawNothingForAConstantWithoutJitter()
    {
        final SplittableRandom a = new SplittableRandom(1);
        DelayDistribution.parse("constant:7ms", 0).sampleNs(a);
        assertThat(a.nextLong()).isEqualTo(new SplittableRandom(1).nextLong());
    }

    @Test
    void shouldReadBackItsOwnText()
    {
        for (final String spec : new String[]{"5ms", "constant:5ms", "uniform:1ms,10ms", "normal:10ms,2ms",
            "exponential:3ms", "lognormal:10ms,0.5", "pareto:5ms,2.5"})
        {
            final DelayDistribution d = DelayDistribution.parseWithJitter(spec + ";jitter=1ms");
            assertThat(DelayDistribution.parseWithJitter(d.toString())).isEqualTo(d);
            assertThat(d.jitterNs()).isEqualTo(1_000_000L);
        }
    }

    @Test
    void shouldRefuseImpossibleParametersNamingThem()
    {
        assertThatThrownBy(() -> DelayDistribution.parse("uniform:10ms,1ms", 0)).hasMessageContaining("max 1ms < min 10ms")
            .hasMessageContaining("accepted");
        assertThatThrownBy(() -> DelayDistribution.parse("pareto:5ms,0", 0)).hasMessageContaining("shape must be > 0");
        assertThatThrownBy(() -> DelayDistribution.parse("gauss:3ms", 0)).hasMessageContaining("unknown distribution 'gauss'");
        assertThatThrownBy(() -> DelayDistribution.parse("normal:20", 0)).hasMessageContaining("expected 2 parameter(s)");
        assertThatThrownBy(() -> DelayDistribution.parse("20", 0)).hasMessageContaining("'20'").hasMessageContaining("5ms");
        assertThatThrownBy(() -> DelayDistribution.parseWithJitter("5ms;wobble=1")).hasMessageContaining("wobble");
    }
}
