package io.hearsay.testing;

import io.hearsay.core.DatagramSlots;
import io.hearsay.core.GossipNode;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * n {@link GossipNode}s on a virtual clock, wired through an in-memory network: a sent datagram is copied into a
 * reusable slot ({@link DatagramSlots}) and delivered, in send order, after a fixed latency, with seeded loss,
 * partitions, crashes and pauses. Node i has address i + 1 (as in the simulator); nothing is allocated per datagram
 * once the slots are warm.
 * Two ways to drive it:
 * <ul>
 *   <li>tests ({@link #of}): 1 ms latency, recording sinks, read like a small language:
 *   {@code InMemoryCluster.of(8, config, seed).joinAll().runUntil(cluster::converged, seconds(30))};</li>
 *   <li>benchmarks ({@link #ticking}): zero latency, counting sinks; each {@link #tick()} advances the clock by a
 *   fixed step, lets every {@code eventEveryTicks} ticks one node (in turn) broadcast, runs the due nodes, then
 *   delivers until the network is quiet.</li>
 * </ul>
 */
public final class InMemoryCluster
{
    public static final long LATENCY_NS = 1_000_000L;

    private final NodeConfig config;
    private final long seed;
    private final long latencyNs;
    private final boolean recording;
    private final GossipNode[] nodes;
    private final RecordingSink[] sinks;
    private final SplittableRandom network;
    private final boolean[] crashed;
    private final long[] pausedUntilNs;
    private final int[] side;
    private final java.util.Set<Long> cutLinks = new java.util.HashSet<>();
    private final java.util.Map<Long, Long> droppedOnCuts = new java.util.HashMap<>();
    private double loss;
    private long nowNs = 1_000_000_000L;
    private long delivered;
    private long undeliverable;
    private long undeliverableBytes;
    private List<Captured> captured;

    // datagrams in flight, a ring in send order (the latency is fixed, so send order is delivery order)
    private long[] dueNs = new long[1024];
    private long[] fromAddress = new long[1024];
    private long[] toAddress = new long[1024];
    private int[] slotOf = new int[1024];
    private int head;
    private int tail;
    private final DatagramSlots slots = new DatagramSlots(1024);

    // ticking
    private final long tickNs;
    private final int eventEveryTicks;
    private final UnsafeBuffer tickPayload = new UnsafeBuffer(new byte[64]);
    private long ticks;
    private int nextOrigin;

    private InMemoryCluster(
        final int n, final NodeConfig config, final long seed, final long latencyNs, final boolean recording,
        final long tickNs, final int eventEveryTicks)
    {
        this.config = config.isConcluded() ? config : config.conclude();
        this.seed = seed;
        this.latencyNs = latencyNs;
        this.recording = recording;
        this.tickNs = tickNs;
        this.eventEveryTicks = eventEveryTicks;
        this.network = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.nodes = new GossipNode[n];
        this.sinks = new RecordingSink[n];
        this.crashed = new boolean[n];
        this.pausedUntilNs = new long[n];
        this.side = new int[n];
        for (int i = 0; i < n; i++)
        {
            start(i, 1);
        }
        for (int i = 0; i < tickPayload.capacity(); i++)
        {
            tickPayload.putByte(i, (byte)('A' + i % 26));
        }
    }

    /** A cluster for tests: 1 ms latency, recording sinks, nobody joined yet. */
    public static InMemoryCluster of(final int n, final NodeConfig config, final long seed)
    {
        return new InMemoryCluster(n, config, seed, LATENCY_NS, true, 0, 0);
    }

    /**
     * A cluster for benchmarks: zero latency, counting sinks, every node joined to node 0; see {@link #tick()}.
     *
     * @param eventEveryTicks one node broadcasts a new 64-byte event every this many ticks (0: never)
     */
    public static InMemoryCluster ticking(
        final int n, final NodeConfig config, final long seed, final long tickNs, final int eventEveryTicks)
    {
        return new InMemoryCluster(n, config, seed, 0, false, tickNs, eventEveryTicks).joinAll();
    }

    public static long seconds(final double s)
    {
        return (long)(s * 1e9);
    }

    public static long address(final int index)
    {
        return index + 1;
    }

    public static int index(final long address)
    {
        return (int)address - 1;
    }

    /** (re)starts node i as a fresh process with the given boot id */
    public void start(final int i, final long bootId)
    {
        final long self = address(i);
        sinks[i] = new RecordingSink(recording);
        nodes[i] = new GossipNode(config, self, bootId, (to, buffer, offset, length) -> send(self, to, buffer, offset, length),
            sinks[i], new SplittableRandom(seed * 31 + i * 7919L + bootId), nowNs);
        crashed[i] = false;
    }

    public InMemoryCluster joinAll()
    {
        for (int i = 1; i < nodes.length; i++)
        {
            nodes[i].join(new long[]{address(0)}, nowNs);
        }
        return this;
    }

    public InMemoryCluster drop(final double probability)
    {
        loss = probability;
        return this;
    }

    /** the nodes listed form one side; all others the other side; nothing crosses */
    public InMemoryCluster partition(final int... sideA)
    {
        Arrays.fill(side, 0);
        for (final int i : sideA)
        {
            side[i] = 1;
        }
        return this;
    }

    public InMemoryCluster heal()
    {
        Arrays.fill(side, 0);
        return this;
    }

    /** nothing crosses between nodes a and b (both ways) until {@link #mend} */
    public InMemoryCluster cut(final int a, final int b)
    {
        cutLinks.add(link(a, b));
        return this;
    }

    public InMemoryCluster mend(final int a, final int b)
    {
        cutLinks.remove(link(a, b));
        return this;
    }

    /** datagrams from node a to node b dropped because their link was {@link #cut} */
    public long droppedOnCut(final int from, final int to)
    {
        return droppedOnCuts.getOrDefault(pair(from, to), 0L);
    }

    private static long link(final int a, final int b)
    {
        return pair(Math.min(a, b), Math.max(a, b));
    }

    /** the ordered pair (from, to) of node indexes as one key */
    private static long pair(final int from, final int to)
    {
        return ((long)from << 32) | (to & 0xFFFF_FFFFL);
    }

    public InMemoryCluster crash(final int i)
    {
        crashed[i] = true;
        return this;
    }

    public InMemoryCluster pause(final int i, final long durationNs)
    {
        pausedUntilNs[i] = nowNs + durationNs;
        return this;
    }

    public GossipNode node(final int i)
    {
        return nodes[i];
    }

    public List<GossipNode> nodes()
    {
        return List.of(nodes);
    }

    public RecordingSink sink(final int i)
    {
        return sinks[i];
    }

    public List<RecordingSink> sinks()
    {
        return List.of(sinks);
    }

    public int size()
    {
        return nodes.length;
    }

    public NodeConfig config()
    {
        return config;
    }

    public long seed()
    {
        return seed;
    }

    /** the virtual clock */
    public long nowNs()
    {
        return nowNs;
    }

    public boolean isCrashed(final int i)
    {
        return crashed[i];
    }

    /** datagrams delivered so far */
    public long delivered()
    {
        return delivered;
    }

    /** datagrams sent to an address that is not a node of this cluster */
    public long undeliverable()
    {
        return undeliverable;
    }

    public long ticks()
    {
        return ticks;
    }

    /** bytes of the {@link #undeliverable()} datagrams (sent to addresses outside the cluster: spoofed senders) */
    public long undeliverableBytes()
    {
        return undeliverableBytes;
    }

    /** A datagram sent inside the cluster, kept while {@link #capture} is on (replay and damage tests). */
    public record Captured(long from, long to, byte[] bytes)
    {
    }

    /** Keep a copy of every datagram sent inside the cluster from now on (null stops). */
    public void capture(final List<Captured> into)
    {
        captured = into;
    }

    /** A datagram from any source address (an attacker's, or a member's spoofed) to node i, after the latency. */
    public void inject(final long from, final int i, final byte[] bytes)
    {
        enqueue(from, address(i), slots.store(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    private int sideOf(final long address)
    {
        final int i = index(address);
        return i >= 0 && i < nodes.length ? side[i] : 0;
    }

    private void send(final long from, final long to, final DirectBuffer buffer, final int offset, final int length)
    {
        final int dst = index(to);
        if (dst < 0 || dst >= nodes.length)
        {
            undeliverable++;
            undeliverableBytes += length;
            return;
        }
        if (!cutLinks.isEmpty() && cutLinks.contains(link(index(from), dst)))
        {
            droppedOnCuts.merge(pair(index(from), dst), 1L, Long::sum);
            return;
        }
        if (sideOf(from) != side[dst] || (loss > 0 && network.nextDouble() < loss))
        {
            return;
        }
        if (captured != null)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            captured.add(new Captured(from, to, copy));
        }
        enqueue(from, to, slots.store(buffer, offset, length));
    }

    private void enqueue(final long from, final long to, final int slot)
    {
        if (tail - head == dueNs.length)
        {
            growRing();
        }
        final int k = tail++ & (dueNs.length - 1);
        dueNs[k] = nowNs + latencyNs;
        fromAddress[k] = from;
        toAddress[k] = to;
        slotOf[k] = slot;
    }

    private void growRing()
    {
        final int capacity = dueNs.length;
        final long[] due = new long[capacity * 2];
        final long[] from = new long[capacity * 2];
        final long[] to = new long[capacity * 2];
        final int[] slot = new int[capacity * 2];
        for (int i = 0; i < capacity; i++)
        {
            final int k = (head + i) & (capacity - 1);
            due[i] = dueNs[k];
            from[i] = fromAddress[k];
            to[i] = toAddress[k];
            slot[i] = slotOf[k];
        }
        dueNs = due;
        fromAddress = from;
        toAddress = to;
        slotOf = slot;
        head = 0;
        tail = capacity;
    }

    /** Deliver every datagram due by now, in send order (also those sent in answer, when the latency is zero). */
    private int deliverDue()
    {
        int count = 0;
        while (head != tail && dueNs[head & (dueNs.length - 1)] - nowNs <= 0)
        {
            final int k = head++ & (dueNs.length - 1);
            final long from = fromAddress[k];
            final int dst = index(toAddress[k]);
            final int slot = slotOf[k];
            if (isUp(dst) && sideOf(from) == side[dst])
            {
                delivered++;
                count++;
                nodes[dst].onPacket(nowNs, from, slots.view(slot), 0, slots.length(slot));
            }
            slots.release(slot);
        }
        return count;
    }

    private boolean isUp(final int i)
    {
        return !crashed[i] && pausedUntilNs[i] - nowNs <= 0;
    }

    /** Runs the virtual clock until the condition holds or the timeout passes. @return whether it held */
    public boolean runUntil(final BooleanSupplier condition, final long timeoutNs)
    {
        final long endNs = nowNs + timeoutNs;
        while (!condition.getAsBoolean())
        {
            long next = endNs;
            for (int i = 0; i < nodes.length; i++)
            {
                if (!crashed[i])
                {
                    next = Math.min(next, Math.max(nodes[i].nextDeadlineNs(), pausedUntilNs[i]));
                }
            }
            if (head != tail)
            {
                next = Math.min(next, dueNs[head & (dueNs.length - 1)]);
            }
            if (next - endNs >= 0)
            {
                nowNs = endNs;
                return condition.getAsBoolean();
            }
            nowNs = Math.max(nowNs, next);
            deliverDue();
            for (int i = 0; i < nodes.length; i++)
            {
                if (isUp(i) && nodes[i].nextDeadlineNs() - nowNs <= 0)
                {
                    nodes[i].doWork(nowNs);
                }
            }
        }
        return true;
    }

    public void runFor(final long durationNs)
    {
        runUntil(() -> false, durationNs);
    }

    /**
     * One benchmark step: advance the clock by the tick, maybe broadcast, run {@code doWork} on every due node, then
     * deliver until the network is quiet.
     *
     * @return datagrams delivered in this tick
     */
    public int tick()
    {
        nowNs += tickNs;
        ticks++;
        if (eventEveryTicks > 0 && ticks % eventEveryTicks == 0)
        {
            tickPayload.putLong(0, ticks);
            nodes[nextOrigin].broadcast(nowNs, nowNs, tickPayload, 0, tickPayload.capacity());
            nextOrigin = (nextOrigin + 1) % nodes.length;
        }
        for (int i = 0; i < nodes.length; i++)
        {
            if (isUp(i) && nodes[i].nextDeadlineNs() - nowNs <= 0)
            {
                nodes[i].doWork(nowNs);
            }
        }
        return deliverDue();
    }

    /** Tick until every node sees all n members (or the tick limit). @return whether it converged */
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

    /** every running node sees exactly the running nodes as live */
    public boolean converged()
    {
        int live = 0;
        for (int i = 0; i < nodes.length; i++)
        {
            if (!crashed[i] && !nodes[i].hasLeft())
            {
                live++;
            }
        }
        for (int i = 0; i < nodes.length; i++)
        {
            if (!crashed[i] && !nodes[i].hasLeft() && nodes[i].liveMemberCount() != live)
            {
                return false;
            }
        }
        return true;
    }

    public List<Integer> liveNodes()
    {
        final List<Integer> live = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++)
        {
            if (!crashed[i] && !nodes[i].hasLeft())
            {
                live.add(i);
            }
        }
        return live;
    }

    public long broadcast(final int i)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(("event from " + i).getBytes());
        return nodes[i].broadcast(nowNs, nowNs, payload, 0, payload.capacity());
    }

    public boolean allKnow(final int origin, final long sequence)
    {
        for (int i = 0; i < nodes.length; i++)
        {
            if (!crashed[i] && !nodes[i].hasLeft() && !nodes[i].knowsEvent(address(origin), sequence))
            {
                return false;
            }
        }
        return true;
    }

    /** every running node other than i holds i in the given status */
    public boolean allSee(final int i, final MemberStatus status)
    {
        for (int j = 0; j < nodes.length; j++)
        {
            if (j != i && !crashed[j] && !nodes[j].hasLeft() && nodes[j].memberStatus(address(i)) != status)
            {
                return false;
            }
        }
        return true;
    }
}
