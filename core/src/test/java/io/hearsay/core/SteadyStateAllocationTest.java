package io.hearsay.core;

import io.hearsay.core.dissemination.StrategyKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After warm-up (tables and queues grown, code compiled, every path including expiry run once), {@code onPacket}
 * and {@code doWork} allocate nothing per datagram.
 * The driver here allocates nothing either (a preallocated FIFO of datagrams: constant latency keeps it in time
 * order; a sink that records nothing), so the thread's allocation counter is read only twice, around the window.
 */
class SteadyStateAllocationTest
{
    private static final int NODES = 16;
    private static final long LATENCY_NS = 1_000_000L;
    private static final int RING = 1 << 16;

    private final GossipNode[] nodes = new GossipNode[NODES];
    private final long[] atNs = new long[RING];
    private final long[] from = new long[RING];
    private final int[] to = new int[RING];
    private final int[] lengths = new int[RING];
    private final UnsafeBuffer[] packets = new UnsafeBuffer[RING];
    private long head;
    private long tail;
    private long nowNs;
    private long learned;

    private void run(final long durationNs)
    {
        final long endNs = nowNs + durationNs;
        while (true)
        {
            long next = endNs;
            for (final GossipNode node : nodes)
            {
                next = Math.min(next, node.nextDeadlineNs());
            }
            if (head < tail)
            {
                next = Math.min(next, atNs[(int)(head & (RING - 1))]);
            }
            if (next - endNs >= 0)
            {
                nowNs = endNs;
                return;
            }
            nowNs = Math.max(nowNs, next);
            while (head < tail && atNs[(int)(head & (RING - 1))] - nowNs <= 0)
            {
                final int i = (int)(head++ & (RING - 1));
                nodes[to[i]].onPacket(nowNs, from[i], packets[i], 0, lengths[i]);
            }
            for (final GossipNode node : nodes)
            {
                if (node.nextDeadlineNs() - nowNs <= 0)
                {
                    node.doWork(nowNs);
                }
            }
        }
    }

    private void send(final long sender, final long toAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        if (tail - head == RING)
        {
            throw new IllegalStateException("ring full");
        }
        final int i = (int)(tail++ & (RING - 1));
        atNs[i] = nowNs + LATENCY_NS;
        from[i] = sender;
        to[i] = (int)toAddress - 1;
        lengths[i] = length;
        packets[i].putBytes(0, buffer, offset, length);
    }

    private long totalReceived()
    {
        long total = 0;
        for (final GossipNode node : nodes)
        {
            total += node.counters().messagesReceived;
        }
        return total;
    }

    private boolean allKnow(final long origin, final long sequence)
    {
        for (final GossipNode node : nodes)
        {
            if (!node.knowsEvent(origin, sequence))
            {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void shouldNotAllocateInSteadyState(final StrategyKind strategy)
    {
        for (int i = 0; i < RING; i++)
        {
            packets[i] = new UnsafeBuffer(new byte[1500]);
        }
        final NodeConfig config = NodeConfig.profile(NodeConfig.Profile.LOCAL).strategy(strategy)
            .antiEntropyPeriodNs(2_000_000_000L).rumorRetentionNs(5_000_000_000L).conclude();
        final CoreEventSink sink = new CoreEventSink()
        {
            public void onEventLearned(final EventLearned event)
            {
                learned++;
            }

            public void onMemberChange(final long nowNs, final long node, final long member, final MemberStatus status,
                final long incarnation)
            {
            }
        };
        for (int i = 0; i < NODES; i++)
        {
            final long self = i + 1;
            nodes[i] = new GossipNode(config, self, 1, (toAddress, buffer, offset, length) ->
                send(self, toAddress, buffer, offset, length), sink, new SplittableRandom(100 + i), nowNs);
        }
        for (int i = 1; i < NODES; i++)
        {
            nodes[i].join(new long[]{1}, nowNs);
        }
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[40]);
        for (int e = 0; e < 4; e++)
        {
            final long sequence = nodes[e].broadcast(nowNs, nowNs, payload, 0, 40);
            run(5_000_000_000L);
            assertThat(allKnow(e + 1, sequence)).as("event %d known by all", e).isTrue();
        }
        run(30_000_000_000L);
        final long sequence = nodes[5].broadcast(nowNs, nowNs, payload, 0, 40);

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long messagesBefore = totalReceived();
        final long before = threads.getCurrentThreadAllocatedBytes();
        run(3_000_000_000L);
        final boolean known = allKnow(6, sequence);
        run(27_000_000_000L);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(known).as("the window's event reached all").isTrue();
        assertThat(allKnow(6, sequence)).as("and was forgotten after two retentions").isFalse();
        assertThat(totalReceived() - messagesBefore).as("datagrams handled in the window").isGreaterThan(1_000);
        final long handled = totalReceived() - messagesBefore;
        System.out.printf("SteadyStateAllocationTest %s: %d bytes allocated while handling %d datagrams%n",
            strategy, allocated, handled);
        assertThat(allocated)
            .as("bytes allocated in 30 s of %s traffic (one event learned, expired, forgotten); a per-datagram " +
                "allocation would show as >= 16 bytes x %d datagrams, the slack is for one-time JVM effects " +
                "(constant resolution, deoptimisation)", strategy, handled)
            .isLessThan(1024);
    }
}
