package io.hearsay.core.direct;

/**
 * The plan of direct-addressing gossip (after Haeupler &amp; Malkhi, "Optimal Gossip with Direct Addressing",
 * PODC 2014, arXiv 1402.2701; only the abstract and THEORY.md's outline were at hand, so the constants are ours):
 * a function of N alone, so every node knows what each round is for without a message. N may be anything up to
 * 2^64 (it is a {@code double}); the plan is computed once, in O(log log N) steps.
 * <ol>
 *     <li><b>growth</b> ({@link #growthRounds()}): a node leads with probability {@code 1 / log2 N}; every round a
 *     clustered node calls a random node and recruits it if unclustered, an unclustered node calls a random node
 *     and joins its leader; until the expected unclustered fraction u (u' = u^2 e^-(1-u)) is at most
 *     {@link #GROWTH_TARGET};</li>
 *     <li><b>normalisation</b> (2 rounds, COUNT then DECIDE): members report to their leader, which then holds
 *     its group in [s, 2s): a smaller group dissolves (trim), a larger one splits into
 *     {@link #chunks(long, long)} groups by member rank ({@link #chunkOf(long, long, long)});</li>
 *     <li><b>merge phases</b> ({@link #mergePhases()}, {@link #SAMPLE_ROUNDS} + 2 rounds each): a leader is active
 *     with probability {@link #activity(int)} (a draw from its id, so whoever knows the id knows it); members of
 *     inactive groups sample random nodes, report a hit on an active group in COUNT, and in DECIDE the whole
 *     group moves to it ({@link #decide}); a group without a hit dissolves, an active one is split at 2 s_k (not
 *     trimmed: others are moving to it). The expected size roughly squares: s' = s (1 + (1/q - 1)(1 - e^(-c s q)));</li>
 *     <li><b>final merge</b> (2 + {@link #FINAL_SAMPLE_ROUNDS} + 1 rounds) once s^2 &ge; {@link #FINAL_SIGHTINGS} N,
 *     or fewer than 2 {@link #MIN_ACTIVE} groups are left (a merge phase would activate half of them and only double s):
 *     COUNT and DECIDE trim groups below {@link #finalLowerBound()} (no split), then every member samples, reports the largest leader id it saw among <b>full-size</b> groups
 *     (&ge; {@link #finalLowerBound()}); the leader places its group under it (groups stay, leaders get a
 *     super-leader: source &rarr; leader &rarr; root &rarr; leaders &rarr; members);</li>
 *     <li><b>recruitment tail</b> (not planned; it runs alongside delivery): every unclustered node pulls a random
 *     node and joins its leader; the unclustered fraction squares per round ({@link #unclusteredAfter}).</li>
 * </ol>
 * Structure rounds are at most {@link #BOUND_A} + {@link #BOUND_B} &middot; log2 log2 N for N from 2^4 to 2^64
 * (tested).
 */
public final class DirectSchedule
{
    /** growth stops when the expected unclustered fraction is at most this */
    public static final double GROWTH_TARGET = 0.1;
    /** rounds in which members of inactive groups sample a random node, per merge phase */
    public static final int SAMPLE_ROUNDS = 2;
    /** q = ACTIVITY / s: an inactive group of s members expects ACTIVITY * SAMPLE_ROUNDS hits */
    public static final double ACTIVITY = 1.0;
    /** a merge phase activates at least this many groups on average (few groups left: q = MIN_ACTIVE / K) */
    public static final double MIN_ACTIVE = 8;
    /** the final merge starts when s^2 / N (sightings of one group by another per sample round) is at least this */
    public static final double FINAL_SIGHTINGS = 3;
    /** rounds in which every member samples in the final merge */
    public static final int FINAL_SAMPLE_ROUNDS = 2;
    /** after growth, groups below this fraction of the expected size are trimmed */
    public static final double GROWTH_LOWER = 0.5;
    /** a group normalised to [s, 2s) has about this many times s members on average */
    public static final double NORMALISED_MEAN = 1.45;
    /** after a merge phase, groups below this fraction of the expected size are trimmed, above twice it split */
    public static final double MERGE_LOWER = 0.6;
    /** before the final merge, groups below this fraction of the expected size are trimmed (not full-size) */
    public static final double FINAL_LOWER = 0.25;
    /** structure rounds &le; BOUND_A + BOUND_B log2 log2 N for N in [2^4, 2^64] */
    public static final double BOUND_A = 3;
    /** see {@link #BOUND_A}: growth ~ log2 log2 N rounds, merge phases ~ log2 log2 N, each SAMPLE_ROUNDS + 2 */
    public static final double BOUND_B = 5;

    /** what a round is for */
    public enum RoundKind
    {
        GROWTH, COUNT, DECIDE, SAMPLE, FINAL_SAMPLE, FINAL_REPORT, DELIVERY
    }

    /** what a leader tells its members in a DECIDE round */
    public enum Decision
    {
        STAY, MOVE, DISSOLVE, SPLIT
    }

    private static final int MAX_PHASES = 64;

    private final double nodes;
    private final double leaderProbability;
    private final int growthRounds;
    private final double[] activity;
    private final double[] expectedSize;
    private final long[] lowerBound;
    private final int phases;
    private final double finalExpectedSize;
    private final long finalLowerBound;

    private DirectSchedule(final double nodes)
    {
        if (!(nodes >= 2))
        {
            throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        }
        this.nodes = nodes;
        final double log2 = Math.max(2, Math.ceil(Math.log(nodes) / Math.log(2)));
        leaderProbability = 1.0 / log2;
        double u = 1 - leaderProbability;
        int g = 0;
        while (u > GROWTH_TARGET && g < 64)
        {
            u = u * u * Math.exp(-(1 - u));
            g++;
        }
        growthRounds = g;
        activity = new double[MAX_PHASES];
        expectedSize = new double[MAX_PHASES];
        lowerBound = new long[MAX_PHASES + 1];
        final double grown = (1 - u) / leaderProbability;
        lowerBound[0] = Math.max(2, (long)Math.floor(GROWTH_LOWER * grown));
        double size = NORMALISED_MEAN * lowerBound[0];
        int k = 0;
        while (size * size < FINAL_SIGHTINGS * nodes && nodes / size >= 2 * MIN_ACTIVE && k < MAX_PHASES)
        {
            final double groups = nodes / size;
            final double q = Math.max(ACTIVITY / size, MIN_ACTIVE / groups);
            expectedSize[k] = size;
            activity[k] = q;
            if (k > 0)
            {
                lowerBound[k] = Math.max(2, (long)Math.floor(MERGE_LOWER * size));
            }
            size = Math.min(nodes, size * (1 + (1 / q - 1) * (1 - Math.exp(-SAMPLE_ROUNDS * size * q))));
            k++;
        }
        phases = k;
        finalExpectedSize = size;
        finalLowerBound = Math.max(2, (long)Math.floor(FINAL_LOWER * size));
        lowerBound[k] = finalLowerBound;
    }

    /** the plan for {@code nodes} members (2 &le; N, up to 2^64 and beyond) */
    public static DirectSchedule of(final double nodes)
    {
        return new DirectSchedule(nodes);
    }

    public double nodes()
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
        return phases;
    }

    /** probability that a leader is active in merge phase {@code phase} (from 0) */
    public double activity(final int phase)
    {
        return activity[checkPhase(phase)];
    }

    /** the expected group size at the start of merge phase {@code phase} (from 0) */
    public double expectedSize(final int phase)
    {
        return expectedSize[checkPhase(phase)];
    }

    /**
     * The smallest size a group may have in merge phase {@code phase}; a group is held in [s, 2s) (phase 0's
     * bound is also the normalisation's, after growth).
     */
    public long lowerBound(final int phase)
    {
        return lowerBound[checkPhase(phase)];
    }

    /** the expected group size when the final merge starts */
    public double finalExpectedSize()
    {
        return finalExpectedSize;
    }

    /** a group takes part in the final merge as a candidate if it has at least this many members */
    public long finalLowerBound()
    {
        return finalLowerBound;
    }

    /**
     * Growth, 2 normalisation rounds, SAMPLE_ROUNDS + 2 per merge phase, then the final merge: 2 rounds that
     * count and trim (so that every group left is full-size and its members know it), FINAL_SAMPLE_ROUNDS, 1 report.
     */
    public int structureRounds()
    {
        return growthRounds + 2 + phases * (SAMPLE_ROUNDS + 2) + 2 + FINAL_SAMPLE_ROUNDS + 1;
    }

    /** what round {@code round} (from 1) is for; after {@link #structureRounds()} every round is DELIVERY */
    public RoundKind kindOf(final int round)
    {
        int r = round - 1;
        if (r < 0)
        {
            throw new IllegalArgumentException("rounds count from 1, got " + round);
        }
        if (r < growthRounds)
        {
            return RoundKind.GROWTH;
        }
        r -= growthRounds;
        if (r < 2)
        {
            return r == 0 ? RoundKind.COUNT : RoundKind.DECIDE;
        }
        r -= 2;
        final int perPhase = SAMPLE_ROUNDS + 2;
        if (r < phases * perPhase)
        {
            final int inPhase = r % perPhase;
            return inPhase < SAMPLE_ROUNDS ? RoundKind.SAMPLE : inPhase == SAMPLE_ROUNDS ? RoundKind.COUNT : RoundKind.DECIDE;
        }
        r -= phases * perPhase;
        if (r < 2)
        {
            return r == 0 ? RoundKind.COUNT : RoundKind.DECIDE;
        }
        r -= 2;
        if (r < FINAL_SAMPLE_ROUNDS)
        {
            return RoundKind.FINAL_SAMPLE;
        }
        return r == FINAL_SAMPLE_ROUNDS ? RoundKind.FINAL_REPORT : RoundKind.DELIVERY;
    }

    /**
     * The merge phase round {@code round} belongs to: -1 for growth and normalisation, 0 .. mergePhases()-1, then
     * {@link #mergePhases()} for the final merge and delivery.
     */
    public int phaseOf(final int round)
    {
        final int r = round - 1 - growthRounds - 2;
        if (r < 0)
        {
            return -1;
        }
        return Math.min(phases, r / (SAMPLE_ROUNDS + 2));
    }

    /**
     * A leader's answer in a DECIDE round. An inactive group moves to the active leader one of its members hit, or
     * dissolves if none did (its members are recruited one by one); an active group (in a normalisation every
     * group counts as active) is trimmed below {@code trimBelow} and split at {@code splitAt} or more. In a merge
     * phase an active group is never trimmed ({@code trimBelow} = 0): groups that hit it are moving to it in the same
     * round, and would be stranded.
     */
    public static Decision decide(final boolean active, final boolean hit, final long size, final long trimBelow, final long splitAt)
    {
        if (!active)
        {
            return hit ? Decision.MOVE : Decision.DISSOLVE;
        }
        if (size < trimBelow)
        {
            return Decision.DISSOLVE;
        }
        return size >= splitAt ? Decision.SPLIT : Decision.STAY;
    }

    /**
     * Groups of at least this size split in phase {@code phase}'s DECIDE round: 2 &middot; {@link #lowerBound} (sizes
     * held in [s, 2s)), except before the final merge, which only trims (splitting there would multiply the groups
     * whose ids the final samples must find).
     */
    public long splitAt(final int phase)
    {
        return checkPhase(phase) == phases ? Long.MAX_VALUE : 2 * lowerBound[phase];
    }

    /** a split group of {@code size} &ge; 2 lower becomes this many groups, each of size in [lower, 2 lower) */
    public static int chunks(final long size, final long lower)
    {
        return (int)Math.max(1, size / lower);
    }

    /**
     * The chunk of the member of rank {@code rank} (0 = the leader, then members by id) in a split group: chunks
     * are contiguous ranges of ranks, chunk 0 keeps the leader, every chunk's first rank leads it.
     */
    public static int chunkOf(final long rank, final long size, final long lower)
    {
        return (int)(rank * chunks(size, lower) / size);
    }

    /** the first rank of chunk {@code chunk}: the member that leads it */
    public static long chunkHead(final int chunk, final long size, final long lower)
    {
        final int c = chunks(size, lower);
        return (chunk * size + c - 1) / c;
    }

    /** recruitment: every unclustered node pulls a random node, so the unclustered fraction squares per round */
    public static double unclusteredAfter(final double unclustered, final int rounds)
    {
        double u = unclustered;
        for (int r = 0; r < rounds; r++)
        {
            u *= u;
        }
        return u;
    }

    private int checkPhase(final int phase)
    {
        if (phase < 0 || phase > phases)
        {
            throw new IllegalArgumentException("phase " + phase + " outside 0.." + phases);
        }
        return phase;
    }
}
