package io.hearsay.master.analysis;

/**
 * The synchronous random phone call model of THEORY.md, as pure functions: the right model for the simulator's
 * {@code rounds} fidelity (asynchronous runs: {@link AsyncSpreadModel}). Logarithm bases are in the names.
 * <ul>
 * <li>Mean-field recursions of the random phone call model with fan-out f and loss p (a call gets through with
 * probability q = 1 − p): push x' = 1 − (1 − x) e^(−f q x); pull u' = u (1 − q (1 − u))^f; push-pull
 * u' = u e^(−f q (1 − u)) (1 − q (1 − u))^f, where x is the informed and u = 1 − x the uninformed fraction.</li>
 * <li>Expected rounds until all know: push log2 N + ln N (Frieze–Grimmett, Pittel), pull log2 N + log2 ln N,
 * push-pull log3 N + log2 ln N (Karp et al.).</li>
 * </ul>
 */
public final class Theory
{
    private Theory()
    {
    }

    public static double log2(final double x)
    {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Informed fraction after each round 0..rounds of the mean-field recursion for {@code strategy}
     * (push, pull, push-pull; median-counter spreads like push-pull), starting from one node of {@code nodes}.
     */
    public static double[] meanField(
        final String strategy, final long nodes, final int fanout, final double loss, final int rounds)
    {
        final double[] x = new double[rounds + 1];
        final int f = Math.max(1, fanout);
        final double q = 1 - loss;
        double informed = 1.0 / nodes;
        x[0] = informed;
        for (int r = 1; r <= rounds; r++)
        {
            final double u = 1 - informed;
            final double uNext;
            switch (family(strategy))
            {
                case "push":
                    uNext = u * Math.exp(-f * q * informed);
                    break;
                case "pull":
                    uNext = u * Math.pow(1 - q * informed, f);
                    break;
                default:
                    uNext = u * Math.exp(-f * q * informed) * Math.pow(1 - q * informed, f);
                    break;
            }
            informed = Math.min(1.0, 1 - uNext);
            x[r] = informed;
        }
        return x;
    }

    /** push, pull or push-pull: the family whose theory applies to a strategy name. */
    public static String family(final String strategy)
    {
        if ("push".equals(strategy) || "pull".equals(strategy))
        {
            return strategy;
        }
        return "push-pull";
    }

    /** Expected rounds until every node knows (THEORY.md's closed forms), for the strategy's family. */
    public static double expectedRoundsAll(final String strategy, final long nodes)
    {
        final double n = Math.max(2, nodes);
        switch (family(strategy))
        {
            case "push":
                return log2(n) + Math.log(n);
            case "pull":
                return log2(n) + log2(Math.log(n));
            default:
                return Math.log(n) / Math.log(3) + log2(Math.log(n));
        }
    }

    /** A readable name of the closed form used by {@link #expectedRoundsAll}. */
    public static String expectedRoundsFormula(final String strategy)
    {
        switch (family(strategy))
        {
            case "push":
                return "log2 N + ln N";
            case "pull":
                return "log2 N + log2 ln N";
            default:
                return "log3 N + log2 ln N";
        }
    }
}
