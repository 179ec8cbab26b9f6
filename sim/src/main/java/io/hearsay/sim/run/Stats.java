package io.hearsay.sim.run;

/**
 * Mean, sample standard deviation and a 95 % confidence interval of the mean (Student's t) of a figure over
 * runs. NaN values (a figure a run never reached) are left out; {@link #count()} says how many were used.
 */
public record Stats(int count, double mean, double sd, double ci95Low, double ci95High)
{
    private static final double[] T975 = {
        Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042 };

    public static Stats of(final double[] values)
    {
        int count = 0;
        double sum = 0;
        for (final double v : values)
        {
            if (!Double.isNaN(v))
            {
                count++;
                sum += v;
            }
        }
        if (count == 0)
        {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        final double mean = sum / count;
        if (count == 1)
        {
            return new Stats(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double squares = 0;
        for (final double v : values)
        {
            if (!Double.isNaN(v))
            {
                squares += (v - mean) * (v - mean);
            }
        }
        final double sd = Math.sqrt(squares / (count - 1));
        final double half = t975(count - 1) * sd / Math.sqrt(count);
        return new Stats(count, mean, sd, mean - half, mean + half);
    }

    /** the 97.5 % quantile of Student's t with {@code df} degrees of freedom (table to 30, then 1.96 + 2.5/df) */
    public static double t975(final int df)
    {
        if (df < 1)
        {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        return df < T975.length ? T975[df] : 1.959964 + 2.5 / df;
    }
}
