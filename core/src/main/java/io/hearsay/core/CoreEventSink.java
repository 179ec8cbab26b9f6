package io.hearsay.core;

import org.agrona.DirectBuffer;

/**
 * What the protocol core tells the outside world. Called on the duty-cycle thread, with primitives only;
 * buffers are valid during the call. The shell turns these into event-log records (adding the wall clock)
 * and application callbacks; the simulator into its own records. Must not block.
 */
public interface CoreEventSink
{
    /**
     * This node learned application event (origin, sequence) for the first time.
     *
     * @param nowNs       the core's monotonic time
     * @param node        this node's address
     * @param round       this node's gossip round when it learned
     * @param hops        hops from the origin (origin = 0)
     * @param fromAddress who told it (this node for its own events)
     * @param duplicates  copies of this event received before (always 0 on first learning, kept for the record layout)
     */
    void onEventLearned(
        long nowNs, long node, long origin, long sequence, long createdWallNs, int round, int hops,
        long fromAddress, Channel channel, int duplicates, DirectBuffer payload, int payloadOffset, int payloadLength);

    /** This node's view of member changed. */
    void onMemberChange(long nowNs, long node, long member, MemberStatus status, long incarnation);

    /** Application data (a request when isResponse is false) arrived from a member. */
    default void onAppData(
        long nowNs, long node, long from, long correlationId, boolean isResponse,
        DirectBuffer data, int offset, int length)
    {
    }

    /** A request sent with {@code GossipNode.request} got no response in time. */
    default void onRequestTimeout(long nowNs, long node, long correlationId)
    {
    }
}
