package io.hearsay.core;

import io.hearsay.wire.DropCounters;

/**
 * Plain counters of one node (single writer: the duty-cycle thread). The shell exposes them to the master and
 * Prometheus; names follow memberlist/serf where the meaning is the same.
 */
public final class NodeCounters extends DropCounters
{
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
    /** tree forwards sent (tree and star strategies: at most fanout per rumor, the star's origin N - 1) */
    public long treeForwardsSent;
    /** latency-paced eager: exchanges started, answered, given up after the timeout */
    public long pacedExchanges;
    public long pacedAnswered;
    public long pacedTimeouts;
    /** direct addressing: structure calls this node sent (one per structure round at most) */
    public long directCalls;
    /** direct addressing: calls answered with a BUSY reply because {@code maxAnswers} were answered this round */
    public long directBusyReplies;
    /** direct addressing: this node gave up its leader or root after unanswered calls and fell back to pulling */
    public long directOrphaned;
    /** direct addressing: forwards sent down the kept structure */
    public long directForwardsSent;
    /** direct addressing: calls this node answered in its busiest round */
    public long directMaxAnsweredPerRound;
    /** rounds this node has run (same as GossipNode.round()) */
    public long gossipRounds;
    /** messages received since this node's current gossip round began */
    public long receivedThisRound;
    /** load figure: the largest number of messages received within one of this node's gossip periods */
    public long maxReceivedPerRound;
    /** round trips of this node's recent direct probes (ping to the target's own ack) */
    public final io.hearsay.core.failure.ProbeRttHistogram probeRtt = new io.hearsay.core.failure.ProbeRttHistogram();
    /** content or claims refused by the core, by {@link Refusal} */
    public final long[] refusals = new long[Refusal.values().length];

    public void refuse(final Refusal reason)
    {
        refusals[reason.ordinal()]++;
    }

    public long refusals(final Refusal reason)
    {
        return refusals[reason.ordinal()];
    }

    public long totalRefusals()
    {
        long total = 0;
        for (final long r : refusals)
        {
            total += r;
        }
        return total;
    }

    /** the message kinds counted by kind: template ids of the datagram's body (Probe, Gossip, Join, MemberState, AppData, Direct) */
    public static final int[] KIND_TEMPLATE_IDS = { 10, 20, 30, 31, 40, 70 };
    /** indexed like {@link #KIND_TEMPLATE_IDS} */
    public final long[] datagramsInByKind = new long[KIND_TEMPLATE_IDS.length];
    public final long[] bytesInByKind = new long[KIND_TEMPLATE_IDS.length];
    public final long[] datagramsOutByKind = new long[KIND_TEMPLATE_IDS.length];
    public final long[] bytesOutByKind = new long[KIND_TEMPLATE_IDS.length];

    /** @return the index of a body template id in {@link #KIND_TEMPLATE_IDS}, or -1 */
    public static int kindIndex(final int templateId)
    {
        switch (templateId)
        {
            case 10: return 0;
            case 20: return 1;
            case 30: return 2;
            case 31: return 3;
            case 40: return 4;
            case 70: return 5;
            default: return -1;
        }
    }

    public void countIn(final int templateId, final int bytes)
    {
        final int kind = kindIndex(templateId);
        if (kind >= 0)
        {
            datagramsInByKind[kind]++;
            bytesInByKind[kind] += bytes;
        }
    }

    public void countOut(final int templateId, final int bytes)
    {
        final int kind = kindIndex(templateId);
        if (kind >= 0)
        {
            datagramsOutByKind[kind]++;
            bytesOutByKind[kind] += bytes;
        }
    }

    /** {@link #maxReceivedPerRound} with the round under way counted too (what a report taken now shows) */
    public long peakReceivedPerRound()
    {
        return Math.max(maxReceivedPerRound, receivedThisRound);
    }
}
