package io.hearsay.daemon.shell;

import io.hearsay.daemon.app.NodeAccess;
import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeConfig;
import org.agrona.DirectBuffer;

/** The application host's {@link NodeAccess} over a hosted node's {@link NodeProtocol} (the real core or a stand-in). */
public final class ShellNodeAccess implements NodeAccess
{
    private final NodeProtocol protocol;
    private final int maxEventPayloadBytes;
    private final int maxDataBytes;

    public ShellNodeAccess(final NodeProtocol protocol, final NodeConfig config)
    {
        this.protocol = protocol;
        this.maxEventPayloadBytes = config.maxEventPayloadBytes();
        this.maxDataBytes = config.packetBudgetBytes() - APP_DATA_OVERHEAD_BYTES;
    }

    public long selfAddress()
    {
        return protocol.selfAddress();
    }

    public int maxEventPayloadBytes()
    {
        return maxEventPayloadBytes;
    }

    public int maxDataBytes()
    {
        return maxDataBytes;
    }

    public long broadcast(final long nowNs, final long createdWallNs, final DirectBuffer payload, final int offset, final int length)
    {
        return protocol.broadcast(nowNs, createdWallNs, payload, offset, length);
    }

    public long sendData(
        final long nowNs, final long toAddress, final DirectBuffer data, final int offset, final int length, final long timeoutNs)
    {
        return protocol.sendData(nowNs, toAddress, data, offset, length, timeoutNs);
    }

    public void respond(
        final long nowNs, final long toAddress, final long correlationId, final DirectBuffer data, final int offset, final int length)
    {
        protocol.respond(nowNs, toAddress, correlationId, data, offset, length);
    }

    public void forEachMember(final GossipNode.MemberVisitor visitor)
    {
        protocol.forEachMember(visitor);
    }

    public int liveMemberCount()
    {
        return protocol.liveMemberCount();
    }

    public boolean knowsEvent(final long origin, final long sequence)
    {
        return protocol.knowsEvent(origin, sequence);
    }
}
