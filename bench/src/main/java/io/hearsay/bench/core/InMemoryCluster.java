package io.hearsay.bench.core;

import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.Outbox;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * n {@link GossipNode}s on a virtual clock, wired by an allocation-free in-memory network: a sent datagram is copied
 * into one slab and delivered, in send order and with zero latency, within the same {@link #tick()}. Node i has
 * address i + 1 (as in the simulator). Every {@code eventEveryTicks} ticks one node (in turn) broadcasts a new
 * event, so rumors are always being spread, answered and expired.
 * <p>
 * A tick: advance the clock by {@code tickNs}, run {@code doWork} on every node whose deadline has passed, then
 * deliver every datagram in flight (and those sent in answer) until the network is quiet.
 */
public final class InMemoryCluster
{
    private static final int SLAB_BYTES = 32 * 1024 * 1024;
    private static final int MAX_IN_FLIGHT = 64 * 1024;

    private final GossipNode[] nodes;
    private final CountingSink sink = new CountingSink();
    private final UnsafeBuffer slab = new UnsafeBuffer(new byte[SLAB_BYTES]);
    private final long[] from = new long[MAX_IN_FLIGHT];
    private final long[] to = new long[MAX_IN_FLIGHT];
    private final int[] offsets = new int[MAX_IN_FLIGHT];
    private final int[] lengths = new int[MAX_IN_FLIGHT];
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
    private final long tickNs;
    private final int eventEveryTicks;
    private int head;
    private int tail;
    private int slabPosition;
    private long nowNs = 1_000_000_000L;
    private long ticks;
    private long delivered;
    private long overflowed;
    private int nextOrigin;

    public InMemoryCluster(final int n, final NodeConfig config, final long seed, final long tickNs, final int eventEveryTicks)
    {
        if (!config.isConcluded())
        {
            config.conclude();
        }
        this.tickNs = tickNs;
        this.eventEveryTicks = eventEveryTicks;
        nodes = new GossipNode[n];
        for (int i = 0; i < n; i++)
        {
            final long self = i + 1;
            final Outbox outbox = (toAddress, buffer, offset, length) -> enqueue(self, toAddress, buffer, offset, length);
            nodes[i] = new GossipNode(config, self, 1, outbox, sink, new SplittableRandom(seed * 31 + i), nowNs);
        }
        for (int i = 0; i < payload.capacity(); i++)
        {
            payload.putByte(i, (byte)('A' + i % 26));
        }
        final long[] seeds = { 1 };
        for (int i = 1; i < n; i++)
        {
            nodes[i].join(seeds, nowNs);
        }
    }

    private void enqueue(final long source, final long destination, final DirectBuffer buffer, final int offset, final int length)
    {
        if (tail - head == MAX_IN_FLIGHT || slabPosition + length > SLAB_BYTES || destination < 1 || destination > nodes.length)
        {
            overflowed++;
            return;
        }
        final int index = tail++ & (MAX_IN_FLIGHT - 1);
        slab.putBytes(slabPosition, buffer, offset, length);
        from[index] = source;
        to[index] = destination;
        offsets[index] = slabPosition;
        lengths[index] = length;
        slabPosition += length;
    }

    /** @return datagrams delivered in this tick */
    public int tick()
    {
        nowNs += tickNs;
        ticks++;
        if (eventEveryTicks > 0 && ticks % eventEveryTicks == 0)
        {
            payload.putLong(0, ticks);
            nodes[nextOrigin].broadcast(nowNs, nowNs, payload, 0, payload.capacity());
            nextOrigin = (nextOrigin + 1) % nodes.length;
        }
        for (final GossipNode node : nodes)
        {
            if (node.nextDeadlineNs() - nowNs <= 0)
            {
                node.doWork(nowNs);
            }
        }
        int count = 0;
        while (head != tail)
        {
            final int index = head++ & (MAX_IN_FLIGHT - 1);
            nodes[(int)to[index] - 1].onPacket(nowNs, from[index], slab, offsets[index], lengths[index]);
            count++;
        }
        head = 0;
        tail = 0;
        slabPosition = 0;
        delivered += count;
        return count;
    }

    /** Run until every node sees all n members (or the tick limit). @return whether it converged */
    public boolean converge(final int maxTicks)
    {
        for (int t = 0; t < maxTicks; t++)
        {
            tick();
            if (converged())
            {
                return true;
            }
        }
        return false;
    }

    public boolean converged()
    {
        for (final GossipNode node : nodes)
        {
            if (node.liveMemberCount() != nodes.length)
            {
                return false;
            }
        }
        return true;
    }

    public GossipNode node(final int index)
    {
        return nodes[index];
    }

    public int size()
    {
        return nodes.length;
    }

    public long delivered()
    {
        return delivered;
    }

    public long overflowed()
    {
        return overflowed;
    }

    public long ticks()
    {
        return ticks;
    }

    public CountingSink sink()
    {
        return sink;
    }
}
