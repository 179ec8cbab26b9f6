package io.hearsay.core;

import org.agrona.DirectBuffer;

/**
 * What the protocol core tells the outside world. Called on the duty-cycle thread, with primitives or a reused
 * view ({@link EventLearned}); buffers are valid during the call. The shell turns these into event-log records
 * (adding the wall clock) and application callbacks; the simulator into its own records. Must not block.
 */
public interface CoreEventSink
{
    /** Ignores everything: for drivers that read the node's state instead (benchmarks, fuzzing). */
    CoreEventSink NONE = new CoreEventSink()
    {
        public void onEventLearned(final EventLearned event)
        {
        }

        public void onMemberChange(
            final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation)
        {
        }
    };

    /**
     * This node learned an application event for the first time. The view is the node's own flyweight, refilled
     * for the next event: read it during the call, copy what you keep.
     */
    void onEventLearned(EventLearned event);

    /** This node's view of member changed. */
    void onMemberChange(long nowNs, long node, long member, MemberStatus status, long incarnation);

    /**
     * This node's view of member changed, with the boot id of the member's life the change is about (what the core
     * calls; a sink that does not need the boot id implements the method without it).
     */
    default void onMemberChange(
        long nowNs, long node, long member, MemberStatus status, long incarnation, long memberBootId)
    {
        onMemberChange(nowNs, node, member, status, incarnation);
    }

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
