package io.hearsay.bench.shell;

import io.hearsay.core.CoreEventSink;
import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.Outbox;
import io.hearsay.daemon.shell.NodeProtocol;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.random.RandomGenerator;

/**
 * A stand-in protocol that measures the shell alone: every datagram received is relayed at once to a random node of
 * the same process, so a fixed number of datagrams circulates through the sockets forever. The first doWork of each
 * node injects {@code inFlightPerNode} datagrams.
 */
final class RelayProtocol implements NodeProtocol
{
    static long[] addresses;
    static int inFlightPerNode = 2;
    static int datagramBytes = 100;

    private final long self;
    private final Outbox outbox;
    private final RandomGenerator random;
    private final NodeCounters counters = new NodeCounters();
    private static final UnsafeBuffer SEED_BUFFER = new UnsafeBuffer(new byte[65_536]);
    private boolean seeded;

    RelayProtocol(
        final NodeConfig config, final long self, final long bootId, final Outbox outbox, final CoreEventSink sink,
        final RandomGenerator random, final long nowNs)
    {
        this.self = self;
        this.outbox = outbox;
        this.random = random;
    }

    private long randomPeer()
    {
        final long[] all = addresses;
        long peer = all[random.nextInt(all.length)];
        if (peer == self)
        {
            peer = all[random.nextInt(all.length)];
        }
        return peer;
    }

    public int onPacket(final long nowNs, final long from, final DirectBuffer buffer, final int offset, final int length)
    {
        counters.messagesReceived++;
        counters.messagesSent++;
        outbox.send(randomPeer(), buffer, offset, length);
        return 1;
    }

    public int doWork(final long nowNs)
    {
        seeded = true;
        for (int i = 0; i < inFlightPerNode; i++)
        {
            outbox.send(randomPeer(), SEED_BUFFER, 0, datagramBytes);
        }
        return inFlightPerNode;
    }

    public long nextDeadlineNs()
    {
        return seeded || addresses == null ? Long.MAX_VALUE : 0;
    }

    public void join(final long[] seeds, final long nowNs)
    {
    }

    public void leave(final long nowNs)
    {
    }

    public long broadcast(final long nowNs, final long wallNs, final DirectBuffer p, final int o, final int l)
    {
        return -1;
    }

    public long sendData(final long nowNs, final long to, final DirectBuffer d, final int o, final int l, final long t)
    {
        return -1;
    }

    public void respond(final long nowNs, final long to, final long c, final DirectBuffer d, final int o, final int l)
    {
    }

    public long selfAddress()
    {
        return self;
    }

    public int round()
    {
        return 0;
    }

    public long incarnation()
    {
        return 0;
    }

    public int liveMemberCount()
    {
        return addresses == null ? 1 : addresses.length;
    }

    public void forEachMember(final GossipNode.MemberVisitor visitor)
    {
    }

    public boolean knowsEvent(final long origin, final long sequence)
    {
        return false;
    }

    public NodeCounters counters()
    {
        return counters;
    }
}
