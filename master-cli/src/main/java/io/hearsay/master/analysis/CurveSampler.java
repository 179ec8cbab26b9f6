package io.hearsay.master.analysis;

import io.hearsay.records.run.RunSummary;

import java.util.List;

/**
 * Turns event curves into drawable points: exact step points for small curves, a fine time grid for large ones
 * (informed(t) is monotone, so sampling loses nothing visible), per-round counts, and the mean with a Student-t
 * 95 % band over repeated runs on a common grid.
 */
public final class CurveSampler
{
    /** Curves with more learners than this are drawn on a grid of this many points. */
    public static final int MAX_POINTS = 4000;

    private CurveSampler()
    {
    }

    /** {x = time ms, y = nodes that know}; starts at (0, 0). */
    public static double[][] time(final EventCurve curve)
    {
        final int n = curve.informed();
        if (n <= MAX_POINTS)
        {
            final double[] x = new double[n + 1];
            final double[] y = new double[n + 1];
            for (int i = 0; i < n; i++)
            {
                x[i + 1] = Math.max(0, curve.offsetNs(i)) / 1e6;
                y[i + 1] = i + 1;
            }
            if (n > 0 && curve.offsetNs(0) <= 0)
            {
                y[0] = 0; // the origin at time zero: a vertical step
            }
            return new double[][] {x, y};
        }
        final long endNs = Math.max(1, curve.offsetNs(n - 1));
        final double[] x = new double[MAX_POINTS + 1];
        final double[] y = new double[MAX_POINTS + 1];
        for (int i = 0; i <= MAX_POINTS; i++)
        {
            final long t = endNs * i / MAX_POINTS;
            x[i] = t / 1e6;
            y[i] = curve.informedAt(t);
        }
        return new double[][] {x, y};
    }

    /** {x = round 0..maxRound, y = nodes that know by the end of that round}. */
    public static double[][] rounds(final EventCurve curve, final int maxRound)
    {
        final double[] x = new double[maxRound + 1];
        final double[] y = new double[maxRound + 1];
        for (int r = 0; r <= maxRound; r++)
        {
            x[r] = r;
            y[r] = curve.informedByRound(r);
        }
        return new double[][] {x, y};
    }

    /** Mean and 95 % band of informed(t) over curves on {@code points + 1} times from 0 to the latest learning. */
    public static double[][] timeBand(final List<EventCurve> curves, final int points)
    {
        long endNs = 1;
        for (final EventCurve c : curves)
        {
            if (c.informed() > 0)
            {
                endNs = Math.max(endNs, c.offsetNs(c.informed() - 1));
            }
        }
        final double[] x = new double[points + 1];
        final double[][] stats = new double[3][points + 1];
        final double[] values = new double[curves.size()];
        for (int i = 0; i <= points; i++)
        {
            final long t = endNs * i / points;
            x[i] = t / 1e6;
            for (int k = 0; k < values.length; k++)
            {
                values[k] = curves.get(k).informedAt(t);
            }
            fill(stats, i, values);
        }
        return new double[][] {x, stats[0], stats[1], stats[2]};
    }

    /** Mean and 95 % band of informed(round) over curves, rounds 0..maxRound. */
    public static double[][] roundBand(final List<EventCurve> curves, final int maxRound)
    {
        final double[] x = new double[maxRound + 1];
        final double[][] stats = new double[3][maxRound + 1];
        final double[] values = new double[curves.size()];
        for (int r = 0; r <= maxRound; r++)
        {
            x[r] = r;
            for (int k = 0; k < values.length; k++)
            {
                values[k] = curves.get(k).informedByRound(r);
            }
            fill(stats, r, values);
        }
        return new double[][] {x, stats[0], stats[1], stats[2]};
    }

    private static void fill(final double[][] stats, final int i, final double[] values)
    {
        final RunSummary.Stats s = RunSummary.Stats.of(values);
        stats[0][i] = s.mean;
        stats[1][i] = Double.isNaN(s.ci95Low) ? s.mean : s.ci95Low;
        stats[2][i] = Double.isNaN(s.ci95High) ? s.mean : s.ci95High;
    }
}
