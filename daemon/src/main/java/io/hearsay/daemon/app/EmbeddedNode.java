package io.hearsay.daemon.app;

import io.hearsay.core.Channel;
import io.hearsay.core.EventLearned;
import io.hearsay.core.Node;
import io.hearsay.core.NodeCounters;
import io.hearsay.spi.EventId;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One node of an {@link EmbeddedNetwork}: a stand-in {@link Node} without a protocol that records what it was asked
 * (for tests) and passes it to the network, which delivers at its own {@code step}; the driving methods
 * ({@code onPacket}, {@code doWork}, {@code join}, {@code leave}) do nothing. Duty-cycle thread only, except the
 * recorded lists, which are copied on read.
 */
public final class EmbeddedNode implements Node
{
    /** Defaults matching {@code NodeConfig}'s: 1024-byte events, 1472 - 200 byte data. */
    public static final int MAX_EVENT_PAYLOAD_BYTES = 1024;
    public static final int MAX_DATA_BYTES = 1272;

    final EmbeddedNetwork network;
    final long address;
    final ApplicationHost host;
    volatile boolean down;
    private final Set<EventId> known = new HashSet<>();
    private final NodeCounters counters = new NodeCounters();
    private final EventLearned learned = new EventLearned();
    private final List<String> calls = new ArrayList<>();
    private volatile Thread lastCallThread;
    private long sequence;
    private long correlationIds;

    EmbeddedNode(final EmbeddedNetwork network, final long address, final ApplicationHost host)
    {
        this.network = network;
        this.address = address;
        this.host = host;
    }

    public ApplicationHost host()
    {
        return host;
    }

    public long address()
    {
        return address;
    }

    /** A node that is down receives nothing and is listed dead. */
    public void down(final boolean isDown)
    {
        down = isDown;
    }

    /** What this node was asked, in order ({@code broadcast:<seq>}, {@code sendData:<to>:<corr>}, {@code respond:<to>:<corr>}). */
    public synchronized List<String> calls()
    {
        return List.copyOf(calls);
    }

    /** The thread of the last call (the duty cycle, if the host keeps its contract). */
    public Thread lastCallThread()
    {
        return lastCallThread;
    }

    private synchronized void record(final String call)
    {
        lastCallThread = Thread.currentThread();
        calls.add(call);
    }

    void learn(
        final long nowNs, final long origin, final long seq, final long createdWallNs, final int hops, final long from,
        final Channel channel, final byte[] payload)
    {
        if (down || !known.add(new EventId(origin, seq)))
        {
            return;
        }
        host.onEventLearned(learned.set(
            nowNs, address, origin, seq, createdWallNs, 0, hops, from, channel, new UnsafeBuffer(payload), 0, payload.length));
    }

    @Override
    public int onPacket(final long nowNs, final long fromAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        return 0;
    }

    @Override
    public int doWork(final long nowNs)
    {
        return 0;
    }

    @Override
    public long nextDeadlineNs()
    {
        return Long.MAX_VALUE;
    }

    @Override
    public void join(final long[] seedAddresses, final long nowNs)
    {
    }

    @Override
    public void leave(final long nowNs)
    {
    }

    @Override
    public int round()
    {
        return 0;
    }

    @Override
    public long incarnation()
    {
        return 0;
    }

    @Override
    public NodeCounters counters()
    {
        return counters;
    }

    @Override
    public long selfAddress()
    {
        return address;
    }

    @Override
    public int maxEventPayloadBytes()
    {
        return MAX_EVENT_PAYLOAD_BYTES;
    }

    @Override
    public int maxDataBytes()
    {
        return MAX_DATA_BYTES;
    }

    @Override
    public long broadcast(final long nowNs, final long createdWallNs, final DirectBuffer payload, final int offset, final int length)
    {
        if (length > MAX_EVENT_PAYLOAD_BYTES)
        {
            throw new IllegalArgumentException("event payload of " + length + " bytes exceeds " + MAX_EVENT_PAYLOAD_BYTES);
        }
        final long seq = ++sequence;
        record("broadcast:" + seq);
        final byte[] copy = new byte[length];
        payload.getBytes(offset, copy);
        network.broadcast(this, seq, createdWallNs, copy);
        return seq;
    }

    @Override
    public long sendData(
        final long nowNs, final long toAddress, final DirectBuffer data, final int offset, final int length, final long timeoutNs)
    {
        final long correlationId = ++correlationIds;
        record("sendData:" + toAddress + ":" + correlationId);
        final byte[] copy = new byte[length];
        data.getBytes(offset, copy);
        return network.sendData(this, toAddress, correlationId, false, copy) ? correlationId : -1;
    }

    @Override
    public void respond(
        final long nowNs, final long toAddress, final long correlationId, final DirectBuffer data, final int offset, final int length)
    {
        record("respond:" + toAddress + ":" + correlationId);
        final byte[] copy = new byte[length];
        data.getBytes(offset, copy);
        network.sendData(this, toAddress, correlationId, true, copy);
    }

    @Override
    public void forEachMember(final Node.MemberVisitor visitor)
    {
        network.forEachMember(visitor);
    }

    @Override
    public int liveMemberCount()
    {
        return network.liveMemberCount();
    }

    @Override
    public boolean knowsEvent(final long origin, final long seq)
    {
        return known.contains(new EventId(origin, seq));
    }
}
