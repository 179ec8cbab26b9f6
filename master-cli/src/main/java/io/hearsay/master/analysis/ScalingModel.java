package io.hearsay.master.analysis;

/** The growth models compared: logarithms base 2, always. */
public enum ScalingModel
{
    LOG_N("log N", "a + b·log2 N", new String[] {"a", "b"}),
    LOG_LOG_N("log log N", "a + b·log2 log2 N", new String[] {"a", "b"}),
    NESTED("nested", "a + b·log2 N + c·log2 log2 N", new String[] {"a", "b", "c"});

    private final String shortName;
    private final String formula;
    private final String[] coefficientNames;

    ScalingModel(final String shortName, final String formula, final String[] coefficientNames)
    {
        this.shortName = shortName;
        this.formula = formula;
        this.coefficientNames = coefficientNames;
    }

    public String shortName()
    {
        return shortName;
    }

    public String formula()
    {
        return formula;
    }

    public String[] coefficientNames()
    {
        return coefficientNames.clone();
    }

    /** JSON key: log_n, log_log_n, nested. */
    public String key()
    {
        return name().toLowerCase();
    }

    /** The regressors of one N, intercept first. */
    public double[] regressors(final double nodes)
    {
        final double l = Theory.log2(nodes);
        final double ll = Theory.log2(Math.max(l, 1e-9));
        switch (this)
        {
            case LOG_N:
                return new double[] {1, l};
            case LOG_LOG_N:
                return new double[] {1, ll};
            default:
                return new double[] {1, l, ll};
        }
    }

    public double predict(final double[] coefficients, final double nodes)
    {
        final double[] x = regressors(nodes);
        double y = 0;
        for (int i = 0; i < x.length; i++)
        {
            y += x[i] * coefficients[i];
        }
        return y;
    }
}
