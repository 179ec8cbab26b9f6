package io.hearsay.core.dissemination;

import static io.hearsay.core.dissemination.RuleState.PHASE_DORMANT;
import static io.hearsay.core.dissemination.RuleState.PHASE_SPREADING;

/**
 * Push, pull and push-pull of the random phone call model, each with a bounded life: a node spreads a rumor
 * actively for {@code roundsFactor · ⌈log2 N⌉} rounds (at least {@link #MIN_ACTIVE_ROUNDS}) after learning it,
 * then keeps it dormant: it no longer pushes but still answers pulls, so a latecomer can always fetch it.
 * What the three differ in is only who pushes (knowing nodes) and who pulls (nodes that lack the rumor).
 * Tree and star use push-pull's rule for their fallback gossip (their tree forwards are the {@code RumorMonger}'s).
 */
public final class BoundedSpreadRule implements DisseminationRule
{
    public static final int MIN_ACTIVE_ROUNDS = 4;

    private final StrategyKind kind;
    private final boolean pushing;
    private final boolean pulling;
    private final int roundsFactor;

    BoundedSpreadRule(final StrategyKind kind, final int roundsFactor)
    {
        if (kind == StrategyKind.MEDIAN_COUNTER)
        {
            throw new IllegalArgumentException("median-counter is not a bounded-spread strategy; use MedianCounterRule");
        }
        if (roundsFactor < 1)
        {
            throw new IllegalArgumentException("roundsFactor must be >= 1, got " + roundsFactor);
        }
        this.kind = kind;
        this.pushing = kind != StrategyKind.PULL;
        this.pulling = kind != StrategyKind.PUSH;
        this.roundsFactor = roundsFactor;
    }

    /** how many rounds a node spreads a rumor before it goes dormant, in a cluster of this size */
    public int activeRounds(final int clusterSize)
    {
        return Math.min(RuleState.MAX_AGE, Math.max(MIN_ACTIVE_ROUNDS, roundsFactor * RuleState.ceilLog2(clusterSize)));
    }

    public StrategyKind kind()
    {
        return kind;
    }

    public int originState(final int clusterSize)
    {
        return RuleState.pack(PHASE_SPREADING, 0, 0);
    }

    public int learnedState(final int senderState, final int clusterSize)
    {
        return RuleState.pack(PHASE_SPREADING, 0, 0);
    }

    public boolean pushes(final int state)
    {
        return pushing && RuleState.phase(state) == PHASE_SPREADING;
    }

    public boolean pulls(final int state)
    {
        return pulling && state == UNKNOWN;
    }

    public boolean answersPull(final int state)
    {
        return state != UNKNOWN;
    }

    public int onContact(final int state, final int partnerState)
    {
        return state;
    }

    public int onRoundEnd(final int state, final int clusterSize)
    {
        if (RuleState.phase(state) != PHASE_SPREADING)
        {
            return state;
        }
        final int age = RuleState.age(state) + 1;
        return age >= activeRounds(clusterSize) ?
            RuleState.pack(PHASE_DORMANT, 0, 0) : RuleState.pack(PHASE_SPREADING, 0, age);
    }

    public boolean isActive(final int state)
    {
        return RuleState.phase(state) == PHASE_SPREADING;
    }

    public String toString()
    {
        return kind.cliName() + "(activeRounds=" + roundsFactor + "*ceil(log2 N))";
    }
}
