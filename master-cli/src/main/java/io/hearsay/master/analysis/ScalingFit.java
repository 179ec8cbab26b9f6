package io.hearsay.master.analysis;

import io.hearsay.records.run.RunSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * How one figure (say rounds until 99 % knew) grows with N: least-squares fits of a + b·log2 N, a + b·log2 log2 N
 * and the nested a + b·log2 N + c·log2 log2 N, compared by AIC and BIC (Akaike weights between the two simple
 * models), with seeded bootstrap percentile intervals of every coefficient and of the choice itself, and the
 * squaring-ladder increments T(N²) − T(N) (constant under log log N, doubling under log N).
 */
public final class ScalingFit
{
    /** Sizes needed before a verdict is attempted. */
    public static final int MIN_SIZES = 3;

    /** One model's fit. */
    public static final class ModelFit
    {
        public ScalingModel model;
        public LeastSquares.Result ols;
        public double[] bootLow;
        public double[] bootHigh;
        /** Akaike weight among the two simple models (the nested model: among all three) */
        public double akaikeWeight;
    }

    /** One rung of the squaring ladder: sizes N and about N². */
    public record Rung(double n, double nSquared, double increment, double ci95Low, double ci95High,
        double predictedLogN, double predictedLogLogN)
    {
    }

    public final String figure;
    /** per distinct N: statistics of the samples */
    public final TreeMap<Double, RunSummary.Stats> points = new TreeMap<>();
    public final Map<ScalingModel, ModelFit> fits = new EnumMap<>(ScalingModel.class);
    public final List<Rung> ladder = new ArrayList<>();
    public int samples;
    public int bootstrapRounds;
    /** share of bootstrap resamples in which log N had the lower AIC than log log N */
    public double bootstrapLogNWins = Double.NaN;
    public ScalingModel bestByAic;
    public ScalingModel bestByBic;

    private ScalingFit(final String figure)
    {
        this.figure = figure;
    }

    /** Distinct N values fitted. */
    public int sizes()
    {
        return points.size();
    }

    /** AIC(log log N) − AIC(log N): positive favours log N. */
    public double deltaAic()
    {
        return fits.get(ScalingModel.LOG_LOG_N).ols.aic - fits.get(ScalingModel.LOG_N).ols.aic;
    }

    public double deltaBic()
    {
        return fits.get(ScalingModel.LOG_LOG_N).ols.bic - fits.get(ScalingModel.LOG_N).ols.bic;
    }

    /**
     * Fits the samples (n[i], y[i]); NaN samples are dropped.
     *
     * @param bootstrap resamples (0 for none); stratified by N when every N has two samples or more
     */
    public static ScalingFit fit(final String figure, final double[] n, final double[] y, final int bootstrap,
        final long seed)
    {
        final ScalingFit f = new ScalingFit(figure);
        int m = 0;
        final double[] xs = new double[n.length];
        final double[] ys = new double[n.length];
        for (int i = 0; i < n.length; i++)
        {
            if (!Double.isNaN(y[i]) && n[i] >= 2)
            {
                xs[m] = n[i];
                ys[m] = y[i];
                m++;
            }
        }
        f.samples = m;
        final TreeMap<Double, List<Integer>> byN = new TreeMap<>();
        for (int i = 0; i < m; i++)
        {
            byN.computeIfAbsent(xs[i], k -> new ArrayList<>()).add(i);
        }
        for (final Map.Entry<Double, List<Integer>> e : byN.entrySet())
        {
            final double[] v = e.getValue().stream().mapToDouble(i -> ys[i]).toArray();
            f.points.put(e.getKey(), RunSummary.Stats.of(v));
        }
        for (final ScalingModel model : ScalingModel.values())
        {
            final ModelFit mf = new ModelFit();
            mf.model = model;
            mf.ols = ols(model, xs, ys, m);
            f.fits.put(model, mf);
        }
        weights(f);
        f.bestByAic = best(f, true);
        f.bestByBic = best(f, false);
        if (bootstrap > 0 && m > 3 && byN.size() >= 2)
        {
            bootstrap(f, xs, ys, m, byN, bootstrap, seed);
        }
        else
        {
            for (final ModelFit mf : f.fits.values())
            {
                mf.bootLow = new double[mf.ols.coefficients.length];
                mf.bootHigh = new double[mf.ols.coefficients.length];
                Arrays.fill(mf.bootLow, Double.NaN);
                Arrays.fill(mf.bootHigh, Double.NaN);
            }
        }
        ladder(f);
        return f;
    }

    private static LeastSquares.Result ols(final ScalingModel model, final double[] xs, final double[] ys, final int m)
    {
        final double[][] x = new double[m][];
        for (int i = 0; i < m; i++)
        {
            x[i] = model.regressors(xs[i]);
        }
        return LeastSquares.fit(x, ys, m);
    }

    private static void weights(final ScalingFit f)
    {
        final double a1 = f.fits.get(ScalingModel.LOG_N).ols.aic;
        final double a2 = f.fits.get(ScalingModel.LOG_LOG_N).ols.aic;
        final double a3 = f.fits.get(ScalingModel.NESTED).ols.aic;
        final double min2 = Math.min(a1, a2);
        final double w1 = Math.exp(-(a1 - min2) / 2);
        final double w2 = Math.exp(-(a2 - min2) / 2);
        f.fits.get(ScalingModel.LOG_N).akaikeWeight = w1 / (w1 + w2);
        f.fits.get(ScalingModel.LOG_LOG_N).akaikeWeight = w2 / (w1 + w2);
        final double min3 = Math.min(min2, Double.isNaN(a3) ? min2 : a3);
        final double v1 = Math.exp(-(a1 - min3) / 2);
        final double v2 = Math.exp(-(a2 - min3) / 2);
        final double v3 = Double.isNaN(a3) ? 0 : Math.exp(-(a3 - min3) / 2);
        f.fits.get(ScalingModel.NESTED).akaikeWeight = v3 / (v1 + v2 + v3);
    }

    private static ScalingModel best(final ScalingFit f, final boolean aic)
    {
        ScalingModel best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (final ModelFit mf : f.fits.values())
        {
            final double v = aic ? mf.ols.aic : mf.ols.bic;
            if (!Double.isNaN(v) && v < bestValue)
            {
                bestValue = v;
                best = mf.model;
            }
        }
        return best;
    }

    private static void bootstrap(final ScalingFit f, final double[] xs, final double[] ys, final int m,
        final TreeMap<Double, List<Integer>> byN, final int rounds, final long seed)
    {
        boolean stratified = true;
        for (final List<Integer> idx : byN.values())
        {
            stratified &= idx.size() >= 2;
        }
        final Random random = new Random(seed);
        final Map<ScalingModel, double[][]> coefficients = new EnumMap<>(ScalingModel.class);
        for (final ScalingModel model : ScalingModel.values())
        {
            coefficients.put(model, new double[model.coefficientNames().length][rounds]);
        }
        final double[] bx = new double[m];
        final double[] by = new double[m];
        int logNWins = 0;
        int compared = 0;
        for (int b = 0; b < rounds; b++)
        {
            int k = 0;
            if (stratified)
            {
                for (final List<Integer> idx : byN.values())
                {
                    for (int j = 0; j < idx.size(); j++)
                    {
                        final int pick = idx.get(random.nextInt(idx.size()));
                        bx[k] = xs[pick];
                        by[k] = ys[pick];
                        k++;
                    }
                }
            }
            else
            {
                for (int j = 0; j < m; j++)
                {
                    final int pick = random.nextInt(m);
                    bx[k] = xs[pick];
                    by[k] = ys[pick];
                    k++;
                }
            }
            double aic1 = Double.NaN;
            double aic2 = Double.NaN;
            for (final ScalingModel model : ScalingModel.values())
            {
                final LeastSquares.Result r = ols(model, bx, by, k);
                final double[][] c = coefficients.get(model);
                for (int p = 0; p < c.length; p++)
                {
                    c[p][b] = r.coefficients[p];
                }
                if (model == ScalingModel.LOG_N)
                {
                    aic1 = r.aic;
                }
                else if (model == ScalingModel.LOG_LOG_N)
                {
                    aic2 = r.aic;
                }
            }
            if (!Double.isNaN(aic1) && !Double.isNaN(aic2))
            {
                compared++;
                if (aic1 < aic2)
                {
                    logNWins++;
                }
            }
        }
        f.bootstrapRounds = rounds;
        f.bootstrapLogNWins = compared == 0 ? Double.NaN : (double)logNWins / compared;
        for (final ModelFit mf : f.fits.values())
        {
            final double[][] c = coefficients.get(mf.model);
            mf.bootLow = new double[c.length];
            mf.bootHigh = new double[c.length];
            for (int p = 0; p < c.length; p++)
            {
                final double[] v = Arrays.stream(c[p]).filter(d -> !Double.isNaN(d)).sorted().toArray();
                mf.bootLow[p] = v.length == 0 ? Double.NaN : v[(int)Math.floor(0.025 * (v.length - 1))];
                mf.bootHigh[p] = v.length == 0 ? Double.NaN : v[(int)Math.ceil(0.975 * (v.length - 1))];
            }
        }
    }

    /** Pairs (N, M) with log2 M within 10 % of 2·log2 N. */
    private static void ladder(final ScalingFit f)
    {
        final double b1 = f.fits.get(ScalingModel.LOG_N).ols.coefficients[1];
        final double b2 = f.fits.get(ScalingModel.LOG_LOG_N).ols.coefficients[1];
        final List<Double> ns = new ArrayList<>(f.points.keySet());
        for (final double n : ns)
        {
            final double target = 2 * Theory.log2(n);
            Double match = null;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (final double mm : ns)
            {
                final double d = Math.abs(Theory.log2(mm) - target);
                if (mm > n && d <= 0.1 * target && d < bestDistance)
                {
                    bestDistance = d;
                    match = mm;
                }
            }
            if (match != null)
            {
                final RunSummary.Stats lo = f.points.get(n);
                final RunSummary.Stats hi = f.points.get(match);
                final double inc = hi.mean - lo.mean;
                final double se = Math.sqrt(sq(se(lo)) + sq(se(hi)));
                final double half = Double.isNaN(se) ? Double.NaN : 1.96 * se;
                f.ladder.add(new Rung(n, match, inc, inc - half, inc + half,
                    b1 * (Theory.log2(match) - Theory.log2(n)),
                    b2 * (Theory.log2(Theory.log2(match)) - Theory.log2(Theory.log2(n)))));
            }
        }
    }

    private static double se(final RunSummary.Stats s)
    {
        return s.n >= 2 ? s.sd / Math.sqrt(s.n) : 0.0;
    }

    private static double sq(final double v)
    {
        return v * v;
    }
}
