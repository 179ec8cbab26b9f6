package io.hearsay.master.analysis;

import io.hearsay.records.run.StudentT;

/**
 * Ordinary least squares y = X·β + ε for a handful of regressors (normal equations solved by Gauss–Jordan with
 * partial pivoting). Returns coefficients, their standard errors and Student-t 95 % intervals, RSS, R², and the
 * Gaussian AIC and BIC (counting the error variance as a parameter).
 */
public final class LeastSquares
{
    private LeastSquares()
    {
    }

    /** The result of one fit. */
    public static final class Result
    {
        public double[] coefficients;
        public double[] standardErrors;
        public double[] ci95Low;
        public double[] ci95High;
        public double rss;
        public double r2;
        public double aic;
        public double bic;
        public int n;
        /** false when X'X was singular (e.g. every x equal): coefficients are NaN */
        public boolean solvable;
    }

    /**
     * @param x x[i] = the regressors of observation i (include a 1 for an intercept)
     * @param y observations
     */
    public static Result fit(final double[][] x, final double[] y, final int n)
    {
        final int k = x.length == 0 ? 0 : x[0].length;
        final Result r = new Result();
        r.n = n;
        final double[][] a = new double[k][2 * k];
        final double[] xty = new double[k];
        for (int i = 0; i < n; i++)
        {
            final double[] xi = x[i];
            for (int p = 0; p < k; p++)
            {
                xty[p] += xi[p] * y[i];
                for (int q = 0; q < k; q++)
                {
                    a[p][q] += xi[p] * xi[q];
                }
            }
        }
        for (int p = 0; p < k; p++)
        {
            a[p][k + p] = 1;
        }
        r.solvable = invert(a, k) && n >= k;
        r.coefficients = new double[k];
        r.standardErrors = new double[k];
        r.ci95Low = new double[k];
        r.ci95High = new double[k];
        if (!r.solvable)
        {
            java.util.Arrays.fill(r.coefficients, Double.NaN);
            java.util.Arrays.fill(r.standardErrors, Double.NaN);
            java.util.Arrays.fill(r.ci95Low, Double.NaN);
            java.util.Arrays.fill(r.ci95High, Double.NaN);
            r.rss = Double.NaN;
            r.r2 = Double.NaN;
            r.aic = Double.NaN;
            r.bic = Double.NaN;
            return r;
        }
        for (int p = 0; p < k; p++)
        {
            double b = 0;
            for (int q = 0; q < k; q++)
            {
                b += a[p][k + q] * xty[q];
            }
            r.coefficients[p] = b;
        }
        double rss = 0;
        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += y[i];
        }
        mean /= n;
        double tss = 0;
        for (int i = 0; i < n; i++)
        {
            double fitted = 0;
            for (int p = 0; p < k; p++)
            {
                fitted += x[i][p] * r.coefficients[p];
            }
            rss += (y[i] - fitted) * (y[i] - fitted);
            tss += (y[i] - mean) * (y[i] - mean);
        }
        r.rss = rss;
        r.r2 = tss > 0 ? 1 - rss / tss : Double.NaN;
        final int df = n - k;
        final double sigma2 = df > 0 ? rss / df : Double.NaN;
        final double t = df > 0 ? StudentT.critical(0.95, df) : Double.NaN;
        for (int p = 0; p < k; p++)
        {
            r.standardErrors[p] = Math.sqrt(sigma2 * a[p][k + p]);
            r.ci95Low[p] = r.coefficients[p] - t * r.standardErrors[p];
            r.ci95High[p] = r.coefficients[p] + t * r.standardErrors[p];
        }
        // floor the variance so that a perfect fit does not give -infinity
        final double perPoint = Math.max(rss / n, 1e-12 * (tss / n + 1e-300));
        final double logLikelihoodTerm = n * Math.log(Math.max(perPoint, Double.MIN_NORMAL));
        r.aic = logLikelihoodTerm + 2.0 * (k + 1);
        r.bic = logLikelihoodTerm + (k + 1) * Math.log(n);
        return r;
    }

    /** In-place Gauss–Jordan on [A | I]; false when singular. */
    private static boolean invert(final double[][] a, final int k)
    {
        double scale = 0;
        for (int p = 0; p < k; p++)
        {
            scale = Math.max(scale, Math.abs(a[p][p]));
        }
        for (int col = 0; col < k; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < k; row++)
            {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col]))
                {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-12 * Math.max(scale, 1e-300))
            {
                return false;
            }
            final double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            final double d = a[col][col];
            for (int j = 0; j < 2 * k; j++)
            {
                a[col][j] /= d;
            }
            for (int row = 0; row < k; row++)
            {
                if (row != col)
                {
                    final double f = a[row][col];
                    if (f != 0)
                    {
                        for (int j = 0; j < 2 * k; j++)
                        {
                            a[row][j] -= f * a[col][j];
                        }
                    }
                }
            }
        }
        return true;
    }
}
