package io.hearsay.core.dissemination;

/**
 * The rule of a dissemination strategy, as pure functions over one {@code int} state word per (node, rumor).
 * State {@link #UNKNOWN} (0) means the node does not know the rumor.
 * <p>
 * This is the single code path for strategies: the daemon's core keeps one state word per rumor it knows and
 * calls these functions from its gossip round; the simulator keeps one word per node in a flat {@code int[]}
 * and calls the very same functions, so a strategy is written once and measured in both.
 * <p>
 * A round, for a node: it calls {@code fanout} peers; towards each it sends the rumor if {@link #pushes},
 * asks for what it lacks if {@link #pulls}; a callee answers a pull with the rumor if {@link #answersPull}.
 * Every exchange of the rumor between two knowing nodes is reported to both with {@link #onContact};
 * a node that gave the rumor to a partner lacking it is told too, with {@code partnerState} {@link #UNKNOWN}
 * (median-counter counts such a partner as counter 0; the other rules ignore contacts);
 * at the end of its round a node calls {@link #onRoundEnd}. Implementations are stateless after construction
 * and allocation-free.
 */
public interface DisseminationRule
{
    int UNKNOWN = 0;

    StrategyKind kind();

    /** state of a rumor at the node that created it */
    int originState(int clusterSize);

    /** state of a node that has just learned the rumor from a sender in {@code senderState} */
    int learnedState(int senderState, int clusterSize);

    /** does a node in this state send the rumor, unasked, to the peers it calls? */
    boolean pushes(int state);

    /** does a node in this state ask the peers it calls for rumors it lacks? ({@code UNKNOWN} included) */
    boolean pulls(int state);

    /** does a node in this state answer a pull request with the rumor? */
    boolean answersPull(int state);

    /** the node exchanged the rumor with a partner in {@code partnerState} this round; returns the new state */
    int onContact(int state, int partnerState);

    /** the node's round ended; returns the new state (counters advance, a rumor can go dormant) */
    int onRoundEnd(int state, int clusterSize);

    /** is the rumor still being spread actively (pushed or counted) by a node in this state? */
    boolean isActive(int state);
}
