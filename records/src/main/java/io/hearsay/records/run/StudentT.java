package io.hearsay.records.run;

/**
 * Student's t distribution: cumulative probability and quantiles, for confidence intervals of means and of fitted
 * coefficients. Pure functions; the CDF uses the regularized incomplete beta function (Lentz's continued fraction),
 * the quantile a bisection on the CDF (accurate to about 1e-10).
 */
public final class StudentT
{
    private StudentT()
    {
    }

    /** P(T &lt;= t) for {@code df} degrees of freedom (df &gt; 0, may be fractional). */
    public static double cdf(final double t, final double df)
    {
        if (!(df > 0))
        {
            throw new IllegalArgumentException("degrees of freedom must be > 0, was " + df);
        }
        if (Double.isNaN(t))
        {
            return Double.NaN;
        }
        if (Double.isInfinite(t))
        {
            return t > 0 ? 1.0 : 0.0;
        }
        final double x = df / (df + t * t);
        final double tail = 0.5 * regularizedIncompleteBeta(x, df / 2.0, 0.5);
        return t > 0 ? 1.0 - tail : tail;
    }

    /** The t with P(T &lt;= t) = p, for 0 &lt; p &lt; 1. */
    public static double quantile(final double p, final double df)
    {
        if (!(p > 0 && p < 1))
        {
            throw new IllegalArgumentException("probability must be in (0, 1), was " + p);
        }
        if (p == 0.5)
        {
            return 0.0;
        }
        double lo = -1.0;
        double hi = 1.0;
        while (cdf(lo, df) > p)
        {
            lo *= 2;
        }
        while (cdf(hi, df) < p)
        {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1.0, Math.abs(hi)); i++)
        {
            final double mid = 0.5 * (lo + hi);
            if (cdf(mid, df) < p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Two-sided critical value: the t with P(|T| &lt;= t) = confidence, e.g. 2.262 for 0.95 and df = 9. */
    public static double critical(final double confidence, final double df)
    {
        return quantile(0.5 + confidence / 2.0, df);
    }

    /** I_x(a, b), the regularized incomplete beta function. */
    public static double regularizedIncompleteBeta(final double x, final double a, final double b)
    {
        if (x <= 0)
        {
            return 0.0;
        }
        if (x >= 1)
        {
            return 1.0;
        }
        final double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
        final double front = Math.exp(lnFront);
        if (x < (a + 1) / (a + b + 2))
        {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1.0 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(final double x, final double a, final double b)
    {
        final double tiny = 1e-300;
        double c = 1.0;
        double d = 1.0 - (a + b) * x / (a + 1);
        d = 1.0 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 1000; m++)
        {
            final int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1.0 + aa * d;
            d = 1.0 / (Math.abs(d) < tiny ? tiny : d);
            c = 1.0 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1.0 + aa * d;
            d = 1.0 / (Math.abs(d) < tiny ? tiny : d);
            c = 1.0 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            final double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1.0) < 1e-15)
            {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, 9 terms). */
    public static double logGamma(final double x)
    {
        if (x < 0.5)
        {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        final double[] g = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7 };
        final double xx = x - 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++)
        {
            sum += g[i] / (xx + i);
        }
        final double t = xx + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
