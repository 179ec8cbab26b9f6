package io.hearsay.master.analysis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScalingFitTest
{
    /** Samples y = model(N) + N(0, sd²) for N = 2^lo … 2^hi, {@code runs} per size. */
    static double[][] synthetic(final ScalingModel model, final double[] coefficients, final int lo, final int hi,
        final int runs, final double sd, final long seed)
    {
        final Random random = new Random(seed);
        final int m = (hi - lo + 1) * runs;
        final double[] n = new double[m];
        final double[] y = new double[m];
        int k = 0;
        for (int e = lo; e <= hi; e++)
        {
            for (int r = 0; r < runs; r++)
            {
                n[k] = Math.pow(2, e);
                y[k] = model.predict(coefficients, n[k]) + sd * random.nextGaussian();
                k++;
            }
        }
        return new double[][] {n, y};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void shouldRecoverLogNAndNeverPickLogLogNForIt(final long seed)
    {
        final double[][] d = synthetic(ScalingModel.LOG_N, new double[] {1.5, 0.63}, 4, 20, 30, 0.5, seed);
        final ScalingFit fit = ScalingFit.fit("rounds99", d[0], d[1], 200, seed);
        assertThat(Verdict.classify(fit)).isEqualTo(Verdict.Growth.LOG_N);
        final ScalingFit.ModelFit m = fit.fits.get(ScalingModel.LOG_N);
        assertThat(m.ols.coefficients[1]).isCloseTo(0.63, within(0.03));
        assertThat(m.bootLow[1]).isLessThan(0.63);
        assertThat(m.bootHigh[1]).isGreaterThan(0.63);
        assertThat(fit.bestByBic).isEqualTo(ScalingModel.LOG_N);
        assertThat(fit.bootstrapLogNWins).isGreaterThan(0.95);
        // squaring ladder: increments double, as log N predicts
        final ScalingFit.Rung r4 = fit.ladder.stream().filter(r -> r.n() == 16).findFirst().orElseThrow();
        final ScalingFit.Rung r8 = fit.ladder.stream().filter(r -> r.n() == 256).findFirst().orElseThrow();
        assertThat(r8.increment() / r4.increment()).isBetween(1.5, 2.6);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldRecoverLogLogN(final long seed)
    {
        final double[][] d = synthetic(ScalingModel.LOG_LOG_N, new double[] {2.0, 3.0}, 4, 24, 30, 0.5, seed);
        final ScalingFit fit = ScalingFit.fit("rounds99", d[0], d[1], 200, seed);
        assertThat(Verdict.classify(fit)).isEqualTo(Verdict.Growth.LOG_LOG_N);
        assertThat(fit.fits.get(ScalingModel.LOG_LOG_N).ols.coefficients[1]).isCloseTo(3.0, within(0.2));
        final ScalingFit.Rung r4 = fit.ladder.stream().filter(r -> r.n() == 16).findFirst().orElseThrow();
        final ScalingFit.Rung r8 = fit.ladder.stream().filter(r -> r.n() == 256).findFirst().orElseThrow();
        assertThat(r4.increment()).isCloseTo(3.0, within(0.5));
        assertThat(r8.increment()).isCloseTo(3.0, within(0.5));
    }

    @Test
    void shouldRecoverTheNestedModel()
    {
        final double[][] d = synthetic(ScalingModel.NESTED, new double[] {1.0, 0.63, 1.0}, 4, 24, 50, 0.2, 3);
        final ScalingFit fit = ScalingFit.fit("rounds99", d[0], d[1], 200, 3);
        final double[] c = fit.fits.get(ScalingModel.NESTED).ols.coefficients;
        assertThat(c[1]).isCloseTo(0.63, within(0.05));
        assertThat(c[2]).isCloseTo(1.0, within(0.4));
        assertThat(fit.bestByAic).isEqualTo(ScalingModel.NESTED);
    }

    @Test
    void shouldSayFlatForConstantData()
    {
        final double[][] d = synthetic(ScalingModel.LOG_N, new double[] {4.0, 0.0}, 4, 16, 20, 0.5, 9);
        assertThat(Verdict.classify(ScalingFit.fit("rounds99", d[0], d[1], 100, 9))).isEqualTo(Verdict.Growth.FLAT);
    }

    @Test
    void shouldRefuseWithTooFewSizes()
    {
        final ScalingFit fit = ScalingFit.fit("rounds99", new double[] {16, 16, 256, 256}, new double[] {3, 4, 7, 8},
            100, 1);
        assertThat(Verdict.classify(fit)).isEqualTo(Verdict.Growth.TOO_FEW_SIZES);
        assertThat(Verdict.describe(fit, "rounds until 99% knew")).contains("only 2 cluster size(s)");
    }

    @Test
    void shouldDescribeWithNumbers()
    {
        final double[][] d = synthetic(ScalingModel.LOG_N, new double[] {1.5, 0.63}, 4, 20, 10, 0.5, 1);
        final String text = Verdict.describe(ScalingFit.fit("rounds99", d[0], d[1], 100, 1), "rounds until 99% knew");
        assertThat(text).startsWith("Rounds until 99% knew grows like log N").contains("AIC prefers log N")
            .contains("Squaring ladder");
    }

    @Test
    void shouldFindABoundedOrGrowingLoad()
    {
        final double[] n = {16, 64, 256, 1024, 4096, 16384};
        assertThat(Verdict.powerLaw(n, new double[] {3, 4, 3, 4, 3, 4}, "peak in-degree")).contains("bounded");
        final double[] grows = new double[n.length];
        for (int i = 0; i < n.length; i++)
        {
            grows[i] = Math.sqrt(n[i]);
        }
        assertThat(Verdict.powerLaw(n, grows, "peak in-degree")).contains("e = 0.500");
    }

    @Test
    void leastSquaresShouldBeExactOnALine()
    {
        final double[][] x = {{1, 0}, {1, 1}, {1, 2}, {1, 3}};
        final LeastSquares.Result r = LeastSquares.fit(x, new double[] {1, 3, 5, 7}, 4);
        assertThat(r.coefficients[0]).isCloseTo(1, within(1e-9));
        assertThat(r.coefficients[1]).isCloseTo(2, within(1e-9));
        assertThat(r.r2).isCloseTo(1, within(1e-12));
        assertThat(LeastSquares.fit(new double[][] {{1, 2}, {1, 2}}, new double[] {1, 2}, 2).solvable).isFalse();
    }
}
