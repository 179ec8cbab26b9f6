package io.hearsay.daemon.core;

/**
 * Plain counters of one node (single writer: the duty-cycle thread). The shell exposes them to the master and
 * Prometheus; names follow memberlist/serf where the meaning is the same.
 */
public final class NodeCounters
{
    /** why a datagram was dropped; append only */
    public enum DropReason
    {
        TRUNCATED, WRONG_SCHEMA, WRONG_VERSION, UNKNOWN_TEMPLATE, WRONG_CLUSTER, MALFORMED, UNAUTHENTICATED, OVERSIZED
    }

    public long messagesSent;
    public long messagesReceived;
    public long bytesSent;
    public long bytesReceived;
    public long eventsLearned;
    public long duplicateEvents;
    public long probesSent;
    public long suspicionsRaised;
    public long refutations;
    public long updatesRefusedTooBig;
    /** eligible rumors left for a later message because the datagram was full */
    public long rumorsDeferred;
    public long indirectProbesSent;
    public long nacksReceived;
    public long membersDeclaredDead;
    public long rumorsExpired;
    /** rumors refused because they were older than the retention (in rounds) or this node's own, returning */
    public long rumorsRefusedExpired;
    public long requestTimeouts;
    /** rounds this node has run (same as GossipNode.round()) */
    public long gossipRounds;
    /** messages received since this node's current gossip round began */
    public long receivedThisRound;
    /** load figure: the largest number of messages received within one of this node's gossip periods */
    public long maxReceivedPerRound;
    public final long[] drops = new long[DropReason.values().length];

    public void drop(final DropReason reason)
    {
        drops[reason.ordinal()]++;
    }

    public long drops(final DropReason reason)
    {
        return drops[reason.ordinal()];
    }

    public long totalDrops()
    {
        long total = 0;
        for (final long d : drops)
        {
            total += d;
        }
        return total;
    }
}
