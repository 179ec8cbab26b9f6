package io.hearsay.daemon.app;

import io.hearsay.core.GossipNode;
import org.agrona.DirectBuffer;

/**
 * What the application host needs of a node. Every method is called on the node's duty-cycle thread only
 * (from {@link ApplicationHost#doWork(long)}). The shell's {@code ShellNodeAccess} adapts a hosted node (the real
 * {@code GossipNode} or a stand-in protocol); tests use fakes.
 */
public interface NodeAccess
{
    /**
     * Room kept in a datagram for the envelope, the AppData header and at least one piggybacked event header
     * when an application data message is sent.
     */
    int APP_DATA_OVERHEAD_BYTES = 200;

    long selfAddress();

    /** Largest event payload the node accepts. */
    int maxEventPayloadBytes();

    /** Largest application data message the node can send in one datagram. */
    int maxDataBytes();

    /** @return the event's sequence number at this origin */
    long broadcast(long nowNs, long createdWallNs, DirectBuffer payload, int offset, int length);

    /**
     * @param timeoutNs &gt; 0 when a response is awaited
     * @return the correlation id, negative when the node could not send
     */
    long sendData(long nowNs, long toAddress, DirectBuffer data, int offset, int length, long timeoutNs);

    void respond(long nowNs, long toAddress, long correlationId, DirectBuffer data, int offset, int length);

    void forEachMember(GossipNode.MemberVisitor visitor);

    int liveMemberCount();

    boolean knowsEvent(long origin, long sequence);
}
