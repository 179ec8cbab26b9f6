package io.hearsay.sim.run;

/** The two-sample Kolmogorov–Smirnov distance: the largest gap between two empirical distribution functions. */
public final class KolmogorovSmirnov
{
    private KolmogorovSmirnov()
    {
    }

    /** @param a sorted ascending; @param b sorted ascending; @return sup |F_a(x) − F_b(x)| in [0, 1] */
    public static double distance(final double[] a, final double[] b)
    {
        if (a.length == 0 || b.length == 0)
        {
            throw new IllegalArgumentException("both samples need values, got " + a.length + " and " + b.length);
        }
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length)
        {
            final double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x)
            {
                i++;
            }
            while (j < b.length && b[j] <= x)
            {
                j++;
            }
            d = Math.max(d, Math.abs((double)i / a.length - (double)j / b.length));
        }
        return d;
    }
}
