package io.hearsay.sim.run;

import io.hearsay.core.Channel;

/**
 * Where a simulation reports what it saw: per-round aggregates for every round and, for the sampled nodes
 * only, the moment each learned the event. Implementations write CSV and event-log records.
 */
public interface RoundSink
{
    /** a round (or gossip period) ended */
    void onRound(int round, long timeNs, long informed, long active, long messages, long maxReceived, long maxSent);

    /** a sampled node learned the event */
    void onLearned(long timeNs, long node, int round, int hops, long from, Channel channel);

    /** a node's view of a member changed (full fidelity, after the event's creation) */
    default void onMemberChange(long timeNs, long node, long member, io.hearsay.core.MemberStatus status, long incarnation)
    {
    }

    /** a phase of a structured strategy ended (direct addressing; written to phases.csv) */
    default void onPhase(PhaseRecord phase)
    {
    }

    RoundSink NONE = new RoundSink()
    {
        public void onRound(
            final int round, final long timeNs, final long informed, final long active, final long messages,
            final long maxReceived, final long maxSent)
        {
        }

        public void onLearned(final long timeNs, final long node, final int round, final int hops, final long from, final Channel channel)
        {
        }
    };
}
