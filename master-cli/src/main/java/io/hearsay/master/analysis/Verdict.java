package io.hearsay.master.analysis;

import java.util.Locale;

/**
 * The verdict in words, computed from fits only (never hand-written): which growth model the data support, how
 * strongly, with the numbers that decide it. Thresholds: |ΔAIC| &gt; 10 "clearly", 2..10 "leans", below 2
 * "cannot tell"; a slope whose 95 % interval contains 0 "does not grow measurably".
 */
public final class Verdict
{
    /** The decision on one figure. */
    public enum Growth
    {
        LOG_N, LEANS_LOG_N, LOG_LOG_N, LEANS_LOG_LOG_N, UNDECIDED, FLAT, TOO_FEW_SIZES
    }

    private Verdict()
    {
    }

    public static Growth classify(final ScalingFit f)
    {
        if (f.sizes() < ScalingFit.MIN_SIZES)
        {
            return Growth.TOO_FEW_SIZES;
        }
        final LeastSquares.Result logN = f.fits.get(ScalingModel.LOG_N).ols;
        final LeastSquares.Result logLogN = f.fits.get(ScalingModel.LOG_LOG_N).ols;
        if (!logN.solvable || !logLogN.solvable)
        {
            return Growth.TOO_FEW_SIZES;
        }
        if (slopeIntervalContainsZero(f, ScalingModel.LOG_N) && slopeIntervalContainsZero(f, ScalingModel.LOG_LOG_N))
        {
            return Growth.FLAT;
        }
        final double d = f.deltaAic();
        if (d > 10)
        {
            return Growth.LOG_N;
        }
        if (d > 2)
        {
            return Growth.LEANS_LOG_N;
        }
        if (d < -10)
        {
            return Growth.LOG_LOG_N;
        }
        if (d < -2)
        {
            return Growth.LEANS_LOG_LOG_N;
        }
        return Growth.UNDECIDED;
    }

    /** One paragraph about how {@code what} (e.g. "rounds until 99% knew") grows with N. */
    public static String describe(final ScalingFit f, final String what)
    {
        final double minN = f.points.isEmpty() ? 0 : f.points.firstKey();
        final double maxN = f.points.isEmpty() ? 0 : f.points.lastKey();
        final String range = "N = " + n(minN) + " … " + n(maxN);
        final Growth g = classify(f);
        final StringBuilder sb = new StringBuilder();
        switch (g)
        {
            case TOO_FEW_SIZES:
                return capital(what) + ": only " + f.sizes() + " cluster size(s) measured (" +
                    (f.points.isEmpty() ? "none" : range) + "); at least " + ScalingFit.MIN_SIZES +
                    " are needed to tell log N from log log N.";
            case FLAT:
                sb.append(capital(what)).append(" does not grow measurably with N over ").append(range)
                    .append(" (slope per doubling of N ").append(coefficient(f, ScalingModel.LOG_N, 1))
                    .append(", per doubling of log N ").append(coefficient(f, ScalingModel.LOG_LOG_N, 1))
                    .append(": both 95% intervals contain 0).");
                break;
            case LOG_N:
                sb.append(capital(what)).append(" grows like log N over ").append(range).append('.');
                break;
            case LEANS_LOG_N:
                sb.append(capital(what)).append(" leans towards log N growth over ").append(range)
                    .append(", but not decisively.");
                break;
            case LOG_LOG_N:
                sb.append(capital(what)).append(" grows like log log N over ").append(range).append('.');
                break;
            case LEANS_LOG_LOG_N:
                sb.append(capital(what)).append(" leans towards log log N growth over ").append(range)
                    .append(", but not decisively.");
                break;
            default:
                sb.append("Over ").append(range).append(" the data cannot tell log N from log log N growth of ")
                    .append(what).append('.');
                break;
        }
        final ScalingFit.ModelFit m1 = f.fits.get(ScalingModel.LOG_N);
        final ScalingFit.ModelFit m2 = f.fits.get(ScalingModel.LOG_LOG_N);
        final ScalingFit.ModelFit m3 = f.fits.get(ScalingModel.NESTED);
        sb.append(String.format(Locale.ROOT, " Fit %s with b = %s; %s with b = %s.",
            formula(m1), coefficient(f, ScalingModel.LOG_N, 1), formula(m2), coefficient(f, ScalingModel.LOG_LOG_N, 1)));
        sb.append(String.format(Locale.ROOT, " AIC prefers %s by %.1f (Akaike weight of log N %.2f); BIC by %.1f.",
            f.deltaAic() >= 0 ? "log N" : "log log N", Math.abs(f.deltaAic()), m1.akaikeWeight,
            Math.abs(f.deltaBic())));
        if (!Double.isNaN(f.bootstrapLogNWins))
        {
            sb.append(String.format(Locale.ROOT, " In %d bootstrap resamples log N fits better %.0f%% of the time.",
                f.bootstrapRounds, 100 * f.bootstrapLogNWins));
        }
        if (m3.ols.solvable && f.sizes() >= 4)
        {
            final boolean bZero = containsZero(interval(m3, 1));
            final boolean cZero = containsZero(interval(m3, 2));
            sb.append(String.format(Locale.ROOT, " Nested model: log N term b = %s%s, log log N term c = %s%s.",
                coefficient(f, ScalingModel.NESTED, 1), bZero ? " (not distinguishable from 0)" : "",
                coefficient(f, ScalingModel.NESTED, 2), cZero ? " (not distinguishable from 0)" : ""));
        }
        if (!f.ladder.isEmpty())
        {
            sb.append(" Squaring ladder T(N²) − T(N):");
            for (final ScalingFit.Rung r : f.ladder)
            {
                sb.append(String.format(Locale.ROOT, " %s→%s: %.2f (log N predicts %.2f, log log N %.2f);",
                    n(r.n()), n(r.nSquared()), r.increment(), r.predictedLogN(), r.predictedLogLogN()));
            }
            sb.setLength(sb.length() - 1);
            sb.append('.');
        }
        final double span = Theory.log2(Theory.log2(maxN)) - Theory.log2(Theory.log2(Math.max(minN, 2.0001)));
        if (span < 1.0 && g != Growth.FLAT)
        {
            sb.append(String.format(Locale.ROOT, " Caution: the sizes span only %.2f units of log2 log2 N, " +
                "too narrow to separate the models well; measure larger N (the simulator reaches 1e7).", span));
        }
        return sb.toString();
    }

    /** How a per-node load figure (peak in-degree) grows: the exponent e of y ≈ A·N^e. */
    public static String powerLaw(final double[] n, final double[] y, final String what)
    {
        int m = 0;
        final double[][] x = new double[n.length][];
        final double[] ly = new double[n.length];
        double minN = Double.POSITIVE_INFINITY;
        double maxN = 0;
        final java.util.Set<Double> sizes = new java.util.HashSet<>();
        for (int i = 0; i < n.length; i++)
        {
            if (!Double.isNaN(y[i]) && y[i] > 0 && n[i] >= 2)
            {
                x[m] = new double[] {1, Theory.log2(n[i])};
                ly[m] = Theory.log2(y[i]);
                m++;
                minN = Math.min(minN, n[i]);
                maxN = Math.max(maxN, n[i]);
                sizes.add(n[i]);
            }
        }
        if (sizes.size() < 2)
        {
            return capital(what) + ": not measured at two sizes or more.";
        }
        final LeastSquares.Result r = LeastSquares.fit(x, ly, m);
        final double e = r.coefficients[1];
        final String interval = String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", e, r.ci95Low[1], r.ci95High[1]);
        if (r.ci95Low[1] <= 0.05)
        {
            return capital(what) + " stays about constant over N = " + n(minN) + " … " + n(maxN) +
                " (it grows like N^e with e = " + interval + "): bounded load.";
        }
        return capital(what) + " grows like N^e with e = " + interval + " over N = " + n(minN) + " … " + n(maxN) +
            ": some nodes serve a growing share of the traffic.";
    }

    static String formula(final ScalingFit.ModelFit mf)
    {
        final double[] c = mf.ols.coefficients;
        switch (mf.model)
        {
            case LOG_N:
                return String.format(Locale.ROOT, "%.3g + %.3g·log2 N", c[0], c[1]);
            case LOG_LOG_N:
                return String.format(Locale.ROOT, "%.3g + %.3g·log2 log2 N", c[0], c[1]);
            default:
                return String.format(Locale.ROOT, "%.3g + %.3g·log2 N + %.3g·log2 log2 N", c[0], c[1], c[2]);
        }
    }

    /** "0.631 [0.602, 0.660]" with the bootstrap interval when there is one, else the t interval. */
    public static String coefficient(final ScalingFit f, final ScalingModel model, final int index)
    {
        final double[] interval = interval(f.fits.get(model), index);
        return String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", f.fits.get(model).ols.coefficients[index],
            interval[0], interval[1]);
    }

    /** The 95 % interval of a coefficient as printed and decided on: bootstrap percentile where run, else Student t. */
    static double[] interval(final ScalingFit.ModelFit mf, final int index)
    {
        final boolean boot = mf.bootLow != null && !Double.isNaN(mf.bootLow[index]);
        return boot ? new double[]{ mf.bootLow[index], mf.bootHigh[index] } :
            new double[]{ mf.ols.ci95Low[index], mf.ols.ci95High[index] };
    }

    private static boolean slopeIntervalContainsZero(final ScalingFit f, final ScalingModel model)
    {
        return containsZero(interval(f.fits.get(model), 1));
    }

    private static boolean containsZero(final double[] interval)
    {
        return interval[0] <= 0 && interval[1] >= 0;
    }

    static String n(final double v)
    {
        if (v >= 1e4 && Math.abs(Theory.log2(v) - Math.rint(Theory.log2(v))) < 1e-9)
        {
            return "2^" + (long)Math.rint(Theory.log2(v));
        }
        if (v >= 1e5)
        {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.valueOf((long)v);
    }

    static String capital(final String s)
    {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
