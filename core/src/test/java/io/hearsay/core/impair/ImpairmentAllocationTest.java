package io.hearsay.core.impair;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** After warm-up, deciding a datagram's fate allocates nothing: every fault on, a peer override and a partition. */
class ImpairmentAllocationTest
{
    private static final long PEER = 0x7F00_0001_1F90L;
    private static final long OTHER = 0x7F00_0001_1F91L;

    @Test
    void shouldAllocateNothingPerDatagram()
    {
        final NodeImpairment node = new NodeImpairment(new SplittableRandom(1), LinkImpairment.parse("test",
            "loss ge=0.05:0.3:0.9:0.01; delay dist=lognormal:10ms,0.5 jitter=1ms; duplicate p=0.1; reorder p=0.1"));
        node.impairPeer(PEER, LinkImpairment.parse("test", "loss p=0.2; delay dist=exponential:5ms"));
        node.blockInbound(OTHER);
        final NetworkImpairment network = new NetworkImpairment(100, node.defaultLink());
        network.assignGroup(0, 0, 49);
        network.assignGroup(1, 50, 99);
        network.cut(0, 1, false);
        network.drop(true, 10, 19, 0.3);
        final SplittableRandom random = new SplittableRandom(2);
        long sink = run(node, network, random, 0, 200_000);

        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        sink += run(node, network, random, 200_000, 1_000_000);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(sink).isNotZero();
        // one allocation per fate would be >= 16 B x 2,400,000 = 38 MB; a few KB are the JIT's own (a recompilation
        // on a loaded machine was measured at 1,752 B), not the code's
        assertThat(allocated).as("bytes allocated deciding 2,400,000 fates").isLessThan(64 * 1024);
    }

    private static long run(final NodeImpairment node, final NetworkImpairment network, final SplittableRandom random,
        final int from, final int to)
    {
        long sink = 0;
        for (int i = from; i < to; i++)
        {
            final int copies = node.planSend(i, (i & 1) == 0 ? PEER : OTHER);
            sink += copies == 0 ? 0 : node.copyDelayNs(0);
            sink += node.dropsInbound(i, OTHER) ? 1 : 0;
            sink += network.transmitNs(i % 100, (i * 7) % 100, random) + network.duplicateDelayNs(random);
        }
        return sink;
    }
}
