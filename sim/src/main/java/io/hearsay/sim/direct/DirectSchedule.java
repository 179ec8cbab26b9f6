package io.hearsay.sim.direct;

import java.util.Arrays;

/**
 * The phase plan of {@link DirectAddressingSimulation}, a function of N alone (every node knows N, so every
 * node computes the same plan and knows which round does what without any message):
 * <ul>
 *     <li>leaders: each node with probability {@code 1 / ceil(log2 N)};</li>
 *     <li>growth rounds: until the expected unclustered fraction u, which follows push-pull joining
 *     (u' = u^2 e^-(1-u)), is at most {@link #GROWTH_TARGET};</li>
 *     <li>merge phases (3 rounds each): with the expected cluster size s and K = N / s clusters, a leader is
 *     active with probability q = max({@link #ACTIVITY} / s, {@link #MIN_ACTIVE} / K); an inactive cluster joins
 *     an active one its members saw, so s grows to about s (1 + (1/q - 1)(1 - e^-sq)), roughly squaring;
 *     phases go on while s^2 &lt; {@link #FINAL_SIGHTINGS} N;</li>
 *     <li>one final merge (3 rounds): every cluster joins the largest leader id its members saw; with
 *     s / K = s^2 / N &ge; FINAL_SIGHTINGS each cluster's members see the largest one several times on average.</li>
 * </ul>
 */
public final class DirectSchedule
{
    /** growth stops when the expected unclustered fraction is at most this */
    public static final double GROWTH_TARGET = 0.1;
    /** expected number of active clusters an inactive cluster's members see in one sample round */
    public static final double ACTIVITY = 1.5;
    /** the final merge starts when s / K = s^2 / N, the expected sightings of one cluster by another, is at least this */
    public static final double FINAL_SIGHTINGS = 4;
    /** a merge phase activates at least this many clusters on average (few clusters left: q = MIN_ACTIVE / K) */
    public static final double MIN_ACTIVE = 8;

    private final int nodes;
    private final double leaderProbability;
    private final int growthRounds;
    private final double[] activity;
    private final double[] expectedSize;

    public DirectSchedule(final int nodes)
    {
        this.nodes = nodes;
        final int log2 = Math.max(2, 32 - Integer.numberOfLeadingZeros(nodes - 1));
        leaderProbability = 1.0 / log2;
        double u = 1 - leaderProbability;
        int g = 0;
        while (u > GROWTH_TARGET && g < 64)
        {
            u = u * u * Math.exp(-(1 - u));
            g++;
        }
        growthRounds = g;
        double size = (1 - u) / leaderProbability;
        double[] q = new double[64];
        double[] sizes = new double[64];
        int phases = 0;
        while (size * size < FINAL_SIGHTINGS * nodes && phases < q.length)
        {
            final double clusters = nodes / size;
            final double p = Math.min(0.5, Math.max(ACTIVITY / size, MIN_ACTIVE / clusters));
            sizes[phases] = size;
            q[phases++] = p;
            size *= 1 + (1 / p - 1) * (1 - Math.exp(-size * p));
        }
        activity = Arrays.copyOf(q, phases);
        expectedSize = Arrays.copyOf(sizes, phases);
    }

    public int nodes()
    {
        return nodes;
    }

    public double leaderProbability()
    {
        return leaderProbability;
    }

    public int growthRounds()
    {
        return growthRounds;
    }

    public int mergePhases()
    {
        return activity.length;
    }

    /** probability that a leader is active in merge phase {@code phase} (from 0) */
    public double activity(final int phase)
    {
        return activity[phase];
    }

    /** the expected cluster size at the start of merge phase {@code phase} (from 0) */
    public double expectedSize(final int phase)
    {
        return expectedSize[phase];
    }

    /** rounds until the structure exists: growth, 3 per merge phase, 3 for the final merge */
    public int structureRounds()
    {
        return growthRounds + 3 * activity.length + 3;
    }
}
