package io.hearsay.core;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A small in-memory cluster for core tests: n {@link GossipNode}s on a virtual clock, wired through an Outbox that
 * delivers after a fixed latency, with seeded loss, partitions, crashes and pauses. Reads like a small language:
 * {@code TestCluster.of(8, config, seed).joinAll().runUntil(cluster::converged, seconds(30))}.
 */
final class TestCluster
{
    static final long LATENCY_NS = 1_000_000L;

    final NodeConfig config;
    final long seed;
    final GossipNode[] nodes;
    final Sink[] sinks;
    final SplittableRandom network;
    final boolean[] crashed;
    final long[] pausedUntilNs;
    final int[] side;
    double loss;
    long nowNs = 1_000_000_000L;
    long delivered;
    private long sequence;
    private final PriorityQueue<Packet> inFlight = new PriorityQueue<>();

    private TestCluster(final int n, final NodeConfig config, final long seed)
    {
        this.config = config;
        this.seed = seed;
        this.network = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.nodes = new GossipNode[n];
        this.sinks = new Sink[n];
        this.crashed = new boolean[n];
        this.pausedUntilNs = new long[n];
        this.side = new int[n];
        for (int i = 0; i < n; i++)
        {
            start(i, 1);
        }
    }

    static TestCluster of(final int n, final NodeConfig config, final long seed)
    {
        return new TestCluster(n, config, seed);
    }

    static long seconds(final double s)
    {
        return (long)(s * 1e9);
    }

    static long address(final int index)
    {
        return index + 1;
    }

    static int index(final long address)
    {
        return (int)address - 1;
    }

    /** (re)starts node i as a fresh process with the given boot id */
    void start(final int i, final long bootId)
    {
        final long self = address(i);
        sinks[i] = new Sink();
        nodes[i] = new GossipNode(config, self, bootId, (to, buffer, offset, length) -> send(self, to, buffer, offset, length),
            sinks[i], new SplittableRandom(seed * 31 + i * 7919L + bootId), nowNs);
        crashed[i] = false;
    }

    TestCluster joinAll()
    {
        for (int i = 1; i < nodes.length; i++)
        {
            nodes[i].join(new long[]{address(0)}, nowNs);
        }
        return this;
    }

    TestCluster drop(final double probability)
    {
        loss = probability;
        return this;
    }

    /** the nodes listed form one side; all others the other side; nothing crosses */
    TestCluster partition(final int... sideA)
    {
        Arrays.fill(side, 0);
        for (final int i : sideA)
        {
            side[i] = 1;
        }
        return this;
    }

    TestCluster heal()
    {
        Arrays.fill(side, 0);
        return this;
    }

    TestCluster crash(final int i)
    {
        crashed[i] = true;
        return this;
    }

    TestCluster pause(final int i, final long durationNs)
    {
        pausedUntilNs[i] = nowNs + durationNs;
        return this;
    }

    /** datagrams and bytes the nodes sent to addresses outside the cluster (spoofed or attacking senders) */
    long outsideDatagrams;
    long outsideBytes;
    /** when set, every datagram sent inside the cluster is also kept here (for replay and damage tests) */
    List<Packet> captured;

    private void send(final long from, final long to, final DirectBuffer buffer, final int offset, final int length)
    {
        final int dst = index(to);
        if (dst < 0 || dst >= nodes.length)
        {
            outsideDatagrams++;
            outsideBytes += length;
            return;
        }
        if (sideOf(from) != side[dst] || (loss > 0 && network.nextDouble() < loss))
        {
            return;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final Packet packet = new Packet(nowNs + LATENCY_NS, sequence++, from, to, bytes);
        inFlight.add(packet);
        if (captured != null)
        {
            captured.add(packet);
        }
    }

    /** a datagram from any source address (an attacker's, or a member's spoofed) to node i, after the latency */
    void inject(final long from, final int i, final byte[] bytes)
    {
        inFlight.add(new Packet(nowNs + LATENCY_NS, sequence++, from, address(i), bytes));
    }

    private int sideOf(final long address)
    {
        final int i = index(address);
        return i >= 0 && i < nodes.length ? side[i] : 0;
    }

    private boolean isUp(final int i)
    {
        return !crashed[i] && pausedUntilNs[i] - nowNs <= 0;
    }

    /** Runs the virtual clock until the condition holds or the timeout passes. @return whether it held */
    boolean runUntil(final BooleanSupplier condition, final long timeoutNs)
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
            if (!inFlight.isEmpty())
            {
                next = Math.min(next, inFlight.peek().atNs);
            }
            if (next - endNs >= 0)
            {
                nowNs = endNs;
                return condition.getAsBoolean();
            }
            nowNs = Math.max(nowNs, next);
            while (!inFlight.isEmpty() && inFlight.peek().atNs - nowNs <= 0)
            {
                final Packet p = inFlight.poll();
                final int dst = index(p.to);
                if (isUp(dst) && sideOf(p.from) == side[dst])
                {
                    delivered++;
                    nodes[dst].onPacket(nowNs, p.from, new UnsafeBuffer(p.bytes), 0, p.bytes.length);
                }
            }
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

    void runFor(final long durationNs)
    {
        runUntil(() -> false, durationNs);
    }

    /** every running node sees exactly the running nodes as live */
    boolean converged()
    {
        final int live = liveNodes().size();
        for (final int i : liveNodes())
        {
            if (nodes[i].liveMemberCount() != live)
            {
                return false;
            }
        }
        return true;
    }

    List<Integer> liveNodes()
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

    long broadcast(final int i)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(("event from " + i).getBytes());
        return nodes[i].broadcast(nowNs, nowNs, payload, 0, payload.capacity());
    }

    boolean allKnow(final int origin, final long sequence)
    {
        for (final int i : liveNodes())
        {
            if (!nodes[i].knowsEvent(address(origin), sequence))
            {
                return false;
            }
        }
        return true;
    }

    /** every running node other than i holds i in the given status */
    boolean allSee(final int i, final MemberStatus status)
    {
        for (final int j : liveNodes())
        {
            if (j != i && nodes[j].memberStatus(address(i)) != status)
            {
                return false;
            }
        }
        return true;
    }

    static final class Packet implements Comparable<Packet>
    {
        final long atNs;
        final long sequence;
        final long from;
        final long to;
        final byte[] bytes;

        Packet(final long atNs, final long sequence, final long from, final long to, final byte[] bytes)
        {
            this.atNs = atNs;
            this.sequence = sequence;
            this.from = from;
            this.to = to;
            this.bytes = bytes;
        }

        public int compareTo(final Packet o)
        {
            final int c = Long.compare(atNs, o.atNs);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    static final class Sink implements CoreEventSink
    {
        final Set<String> learned = new HashSet<>();
        final List<String> learnedLog = new ArrayList<>();
        final List<String> memberChanges = new ArrayList<>();
        final List<String> appData = new ArrayList<>();
        final List<Long> timeouts = new ArrayList<>();

        public void onEventLearned(
            final long nowNs, final long node, final long origin, final long sequence, final long createdWallNs,
            final int round, final int hops, final long fromAddress, final Channel channel, final int duplicates,
            final DirectBuffer payload, final int payloadOffset, final int payloadLength)
        {
            if (!learned.add(origin + ":" + sequence))
            {
                throw new AssertionError("node " + node + " learned " + origin + ":" + sequence + " twice");
            }
            learnedLog.add(origin + ":" + sequence + " round=" + round + " hops=" + hops + " channel=" + channel);
        }

        public void onMemberChange(final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation)
        {
            memberChanges.add(member + " " + status + " " + incarnation);
        }

        public void onAppData(
            final long nowNs, final long node, final long from, final long correlationId, final boolean isResponse,
            final DirectBuffer data, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            data.getBytes(offset, bytes);
            appData.add(from + " " + correlationId + " " + isResponse + " " + new String(bytes));
        }

        public void onRequestTimeout(final long nowNs, final long node, final long correlationId)
        {
            timeouts.add(correlationId);
        }
    }
}
