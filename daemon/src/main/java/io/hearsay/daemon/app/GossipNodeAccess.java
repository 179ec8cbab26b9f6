package io.hearsay.daemon.app;

import io.hearsay.daemon.core.GossipNode;
import io.hearsay.daemon.core.NodeConfig;
import org.agrona.DirectBuffer;

/**
 * {@link NodeAccess} over a real {@link GossipNode}: plain delegation, on the duty-cycle thread.
 */
public final class GossipNodeAccess implements NodeAccess
{
    /**
     * Room kept in a datagram for the envelope, the AppData header and at least one piggybacked event header
     * when an application data message is sent.
     */
    public static final int APP_DATA_OVERHEAD_BYTES = 200;

    private final GossipNode node;
    private final int maxEventPayloadBytes;
    private final int maxDataBytes;

    public GossipNodeAccess(final GossipNode node, final NodeConfig config)
    {
        this.node = node;
        this.maxEventPayloadBytes = config.maxEventPayloadBytes();
        this.maxDataBytes = config.packetBudgetBytes() - APP_DATA_OVERHEAD_BYTES;
    }

    @Override
    public long selfAddress()
    {
        return node.selfAddress();
    }

    @Override
    public int maxEventPayloadBytes()
    {
        return maxEventPayloadBytes;
    }

    @Override
    public int maxDataBytes()
    {
        return maxDataBytes;
    }

    @Override
    public long broadcast(final long nowNs, final long createdWallNs, final DirectBuffer payload, final int offset, final int length)
    {
        return node.broadcast(nowNs, createdWallNs, payload, offset, length);
    }

    @Override
    public long sendData(
        final long nowNs, final long toAddress, final DirectBuffer data, final int offset, final int length, final long timeoutNs)
    {
        return node.sendData(nowNs, toAddress, data, offset, length, timeoutNs);
    }

    @Override
    public void respond(
        final long nowNs, final long toAddress, final long correlationId, final DirectBuffer data, final int offset, final int length)
    {
        node.respond(nowNs, toAddress, correlationId, data, offset, length);
    }

    @Override
    public void forEachMember(final GossipNode.MemberVisitor visitor)
    {
        node.forEachMember(visitor);
    }

    @Override
    public int liveMemberCount()
    {
        return node.liveMemberCount();
    }

    @Override
    public boolean knowsEvent(final long origin, final long sequence)
    {
        return node.knowsEvent(origin, sequence);
    }
}
