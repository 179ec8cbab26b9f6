package io.hearsay.daemon.shell;

import io.hearsay.core.CoreEventSink;
import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.Outbox;
import org.agrona.DirectBuffer;

import java.util.random.RandomGenerator;

/** The real protocol core behind the shell's {@link NodeProtocol} view. */
public final class GossipNodeProtocol implements NodeProtocol
{
    public static final Factory FACTORY = GossipNodeProtocol::new;

    private final GossipNode node;
    private final NodeCounters fallbackCounters = new NodeCounters();

    public GossipNodeProtocol(
        final NodeConfig config, final long selfAddress, final long bootId, final Outbox outbox,
        final CoreEventSink sink, final RandomGenerator random, final long nowNs)
    {
        node = new GossipNode(config, selfAddress, bootId, outbox, sink, random, nowNs);
    }

    public GossipNode node()
    {
        return node;
    }

    public int onPacket(final long nowNs, final long fromAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        return node.onPacket(nowNs, fromAddress, buffer, offset, length);
    }

    public int doWork(final long nowNs)
    {
        return node.doWork(nowNs);
    }

    public long nextDeadlineNs()
    {
        return node.nextDeadlineNs();
    }

    public void join(final long[] seedAddresses, final long nowNs)
    {
        node.join(seedAddresses, nowNs);
    }

    @Override
    public void addRosterMembers(final long[] roster, final long nowNs)
    {
        node.reserveMembers(roster.length + 1);
        for (final long address : roster)
        {
            node.addRosterMember(address, nowNs);
        }
    }

    public void leave(final long nowNs)
    {
        node.leave(nowNs);
    }

    public long broadcast(final long nowNs, final long createdWallNs, final DirectBuffer payload, final int offset, final int length)
    {
        return node.broadcast(nowNs, createdWallNs, payload, offset, length);
    }

    public long sendData(
        final long nowNs, final long toAddress, final DirectBuffer data, final int offset, final int length, final long timeoutNs)
    {
        return node.sendData(nowNs, toAddress, data, offset, length, timeoutNs);
    }

    public void respond(
        final long nowNs, final long toAddress, final long correlationId, final DirectBuffer data, final int offset, final int length)
    {
        node.respond(nowNs, toAddress, correlationId, data, offset, length);
    }

    public long selfAddress()
    {
        return node.selfAddress();
    }

    public int round()
    {
        return node.round();
    }

    public long incarnation()
    {
        return node.incarnation();
    }

    public int liveMemberCount()
    {
        return node.liveMemberCount();
    }

    public int healthScore()
    {
        return node.healthScore();
    }

    public void forEachMember(final GossipNode.MemberVisitor visitor)
    {
        node.forEachMember(visitor);
    }

    public boolean knowsEvent(final long origin, final long sequence)
    {
        return node.knowsEvent(origin, sequence);
    }

    public NodeCounters counters()
    {
        final NodeCounters counters = node.counters();
        return counters != null ? counters : fallbackCounters;
    }
}
