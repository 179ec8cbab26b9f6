package io.hearsay.core.dissemination;

/** The dissemination strategies, named exactly as on the command line and in every run's record. */
public enum StrategyKind
{
    PUSH("push"),
    PULL("pull"),
    PUSH_PULL("push-pull"),
    MEDIAN_COUNTER("median-counter");

    private final String cliName;

    StrategyKind(final String cliName)
    {
        this.cliName = cliName;
    }

    public String cliName()
    {
        return cliName;
    }

    /** Parses a CLI name; the error names the value and every accepted one. */
    public static StrategyKind fromCliName(final String name)
    {
        for (final StrategyKind kind : values())
        {
            if (kind.cliName.equals(name))
            {
                return kind;
            }
        }
        final StringBuilder accepted = new StringBuilder();
        for (final StrategyKind kind : values())
        {
            accepted.append(accepted.length() == 0 ? "" : ", ").append(kind.cliName);
        }
        throw new IllegalArgumentException("unknown strategy '" + name + "'; accepted: " + accepted);
    }

    @Override
    public String toString()
    {
        return cliName;
    }
}
