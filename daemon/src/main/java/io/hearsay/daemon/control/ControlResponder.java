package io.hearsay.daemon.control;

import io.hearsay.core.MemberStatus;
import io.hearsay.wire.sbe.HostedNodeState;

/** How a {@link ControlHandler} answers the request being handled (to its sender). */
public interface ControlResponder
{
    void ack(long requestId, boolean ok, long value, int nodes, String message);

    void processStatus(
        long requestId, long processBootId, int nodes, int running, int minLiveMembers, int maxLiveMembers,
        int knowingEvent, long eventsLearned, long messagesSent, long messagesReceived, long firstNodeAddress);

    /** Start a node report; add members with {@link #reportMember}, then {@link #endReport}. */
    void beginReport(
        long requestId, long nodeAddress, long bootId, long incarnation, int round, long wallNs, long messagesSent,
        long messagesReceived, long packetsDropped, int eventsKnown, int liveMembers, HostedNodeState state,
        boolean knowsEvent, int memberCount);

    /** @return false when the datagram is full (the report is marked truncated) */
    boolean reportMember(long address, long incarnation, MemberStatus status);

    void endReport();

    /**
     * Answer with one live report (LiveReport): the node's state and counters, its view's bucket digests and the
     * entries of the requested buckets that fit in the request's reply budget (its delayMs; whole buckets only; the report names them).
     *
     * @param view          the node's view, already filled by visiting its member table
     * @param members       visits the same member table again (unchanged since {@code view} was filled)
     * @param bucketsWanted bit mask of the buckets whose entries are asked for
     */
    void liveReport(
        long requestId, long nodeAddress, long bootId, HostedNodeState state, long incarnation, int healthScore,
        int round, long wallNs, boolean knowsEvent, io.hearsay.core.NodeCounters counters, long shellDrops, LiveView view,
        java.util.function.Consumer<io.hearsay.core.Node.MemberVisitor> members, long bucketsWanted);
}
