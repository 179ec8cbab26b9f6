package io.hearsay.core.dissemination;

import static io.hearsay.core.dissemination.RuleState.PHASE_DORMANT;
import static io.hearsay.core.dissemination.RuleState.PHASE_SPREADING;
import static io.hearsay.core.dissemination.RuleState.PHASE_STOPPED_COUNTING;
import static io.hearsay.core.dissemination.RuleState.PHASE_UNKNOWN;

/**
 * Push-pull with Karp, Schindelhauer, Shenker and Vöcking's median-counter termination ("Randomized Rumor
 * Spreading", FOCS 2000), which informs everybody in O(log N) rounds with O(log log N) transmissions per node.
 * <ul>
 *   <li>A: the node lacks the rumor ({@link DisseminationRule#UNKNOWN}); it pulls. Learning it from a B-node
 *       puts it in B-1, from a C- or D-node straight in C.</li>
 *   <li>B-m (phase {@link RuleState#PHASE_SPREADING}, counter m): pushes, answers pulls. At the end of a round
 *       in which more of its partners had a counter &ge; m than not (a partner lacking the rumor counts as
 *       counter 0), m advances; reaching {@code ctrMax} moves it to C. Any contact with a C- or D-node moves
 *       it to C at once. As a safety net, a node stuck in B for {@code 4·⌈log2 N⌉} rounds moves to C.</li>
 *   <li>C (phase {@link RuleState#PHASE_STOPPED_COUNTING}): pushes and answers for {@code ctrMax} more
 *       rounds, then D.</li>
 *   <li>D (phase {@link RuleState#PHASE_DORMANT}): no longer pushes; in hearsay it still answers pulls, so a
 *       latecomer can fetch the rumor (Karp's D is silent; the extra answers only reach uninformed pullers).</li>
 * </ul>
 * {@code ctrMax = counterFactor · max(1, ⌈log2 ⌈log2 N⌉⌉)}: Karp's O(log log N).
 * The partner counts of one round live in the word's tally bits, so the rule stays a pure function.
 */
public final class MedianCounterRule implements DisseminationRule
{
    public static final int SAFETY_ROUNDS_FACTOR = 4;

    private final int counterFactor;

    MedianCounterRule(final int counterFactor)
    {
        if (counterFactor < 1)
        {
            throw new IllegalArgumentException("counterFactor must be >= 1, got " + counterFactor);
        }
        this.counterFactor = counterFactor;
    }

    /** the counter value at which a node stops counting (Karp's ctr_max) */
    public int counterMax(final int clusterSize)
    {
        return Math.min(RuleState.MAX_COUNTER, counterFactor * RuleState.ceilLog2Log2(clusterSize));
    }

    public StrategyKind kind()
    {
        return StrategyKind.MEDIAN_COUNTER;
    }

    public int originState(final int clusterSize)
    {
        return RuleState.pack(PHASE_SPREADING, 1, 0);
    }

    public int learnedState(final int senderState, final int clusterSize)
    {
        return isPastCounting(senderState) ?
            RuleState.pack(PHASE_STOPPED_COUNTING, 0, 0) : RuleState.pack(PHASE_SPREADING, 1, 0);
    }

    public boolean pushes(final int state)
    {
        final int phase = RuleState.phase(state);
        return phase == PHASE_SPREADING || phase == PHASE_STOPPED_COUNTING;
    }

    public boolean pulls(final int state)
    {
        return state == UNKNOWN;
    }

    public boolean answersPull(final int state)
    {
        return state != UNKNOWN;
    }

    public int onContact(final int state, final int partnerState)
    {
        if (RuleState.phase(state) != PHASE_SPREADING)
        {
            return state;
        }
        if (isPastCounting(partnerState))
        {
            return RuleState.pack(PHASE_STOPPED_COUNTING, 0, 0);
        }
        final int partnerCounter = RuleState.phase(partnerState) == PHASE_UNKNOWN ? 0 : RuleState.counter(partnerState);
        final int vote = partnerCounter >= RuleState.counter(state) ? 1 : -1;
        return RuleState.withTally(state, RuleState.tally(state) + vote);
    }

    public int onRoundEnd(final int state, final int clusterSize)
    {
        final int phase = RuleState.phase(state);
        final int age = RuleState.age(state) + 1;
        final int counterMax = counterMax(clusterSize);
        if (phase == PHASE_SPREADING)
        {
            final int counter = RuleState.counter(state) + (RuleState.tally(state) > 0 ? 1 : 0);
            if (counter >= counterMax || age >= SAFETY_ROUNDS_FACTOR * Math.max(1, RuleState.ceilLog2(clusterSize)))
            {
                return RuleState.pack(PHASE_STOPPED_COUNTING, 0, 0);
            }
            return RuleState.pack(PHASE_SPREADING, counter, age);
        }
        if (phase == PHASE_STOPPED_COUNTING)
        {
            return age >= counterMax ? RuleState.pack(PHASE_DORMANT, 0, 0) : RuleState.pack(PHASE_STOPPED_COUNTING, 0, age);
        }
        return state;
    }

    public boolean isActive(final int state)
    {
        return pushes(state);
    }

    private static boolean isPastCounting(final int state)
    {
        final int phase = RuleState.phase(state);
        return phase == PHASE_STOPPED_COUNTING || phase == PHASE_DORMANT;
    }

    public String toString()
    {
        return "median-counter(ctrMax=" + counterFactor + "*max(1,ceil(log2 ceil(log2 N))))";
    }
}
