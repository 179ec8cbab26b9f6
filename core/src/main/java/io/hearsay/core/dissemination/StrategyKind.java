package io.hearsay.core.dissemination;

/** The dissemination strategies, named exactly as on the command line and in every run's record. */
public enum StrategyKind
{
    PUSH("push"),
    PULL("pull"),
    PUSH_PULL("push-pull"),
    MEDIAN_COUNTER("median-counter"),
    /** a d-ary tree over the members ordered by address, rooted at the rumor's origin, with push-pull as fallback */
    TREE("tree"),
    /** the tree of one level: the origin sends to every member, with push-pull as fallback */
    STAR("star"),
    /**
     * Haeupler–Malkhi direct addressing ({@code io.hearsay.core.direct.DirectAddressing}): a structure of leaders built
     * in O(log log N) rounds and kept; the rumor rides on its calls; nodes left behind pull random nodes (push-pull)
     */
    DIRECT_ADDRESSING("direct-addressing");

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

    /** does this strategy forward a new rumor at once along the member-id tree ({@code io.hearsay.core.rumor.TreeRouting})? */
    public boolean isTree()
    {
        return this == TREE || this == STAR;
    }

    @Override
    public String toString()
    {
        return cliName;
    }
}
