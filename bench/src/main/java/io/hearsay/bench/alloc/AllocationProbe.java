package io.hearsay.bench.alloc;

import io.hearsay.bench.core.ClusterRoundBenchmark;
import io.hearsay.bench.core.NodeUnderLoad;
import io.hearsay.bench.wire.CountingWireHandler;
import io.hearsay.bench.wire.SampleDatagrams;
import io.hearsay.bench.wire.WireMessage;
import io.hearsay.bench.wire.WireSamples;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;
import io.hearsay.wire.WireAdapter;
import io.hearsay.wire.WirePublisher;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * Bytes allocated per operation, exactly, for every hot-path operation the JMH benchmarks measure, plus wall and
 * thread-CPU ns/op (the CPU time is what one core spends, so it holds up better than wall time on a loaded machine;
 * it cannot see cache or frequency effects of the load). Usage: {@code java -cp benchmarks.jar io.hearsay.bench.alloc.AllocationProbe [regex] [ops]}. Each case runs
 * {@code ops} warm-up operations (so the JIT has compiled and escape analysis had its chance), then {@code ops}
 * measured ones (cluster ticks, each a few hundred datagrams, run ops / 50 times). A case that allocates is printed with ALLOCATES; find the site with the JFR recipe in
 * bench/README.md.
 */
public final class AllocationProbe
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private record Case(String name, IntSupplier operation)
    {
    }

    public static void main(final String[] args)
    {
        final Pattern filter = Pattern.compile(args.length > 0 ? args[0] : ".*");
        final int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        final List<Case> cases = new ArrayList<>();
        for (final WireMessage message : WireMessage.values())
        {
            cases.add(new Case("encode " + message, encoder(message)));
            cases.add(new Case("decode " + message, decoder(message)));
        }
        for (final WireMessage message : WireMessage.values())
        {
            if (message != WireMessage.PING_REQ)
            {
                cases.add(new Case("onPacket " + message, () -> 0));
            }
        }
        for (final String strategy : new String[]{ "push-pull", "median-counter" })
        {
            for (final String timing : new String[]{ "periodic", "eager" })
            {
                cases.add(new Case("clusterTick 64 " + strategy + " " + timing, null));
            }
        }

        System.out.printf("%-40s %12s %12s %12s %14s%n", "case", "bytes/op", "wall ns/op", "cpu ns/op", "ops/cpu-s");
        for (final Case c : cases)
        {
            if (!filter.matcher(c.name()).find())
            {
                continue;
            }
            if (c.name().startsWith("onPacket "))
            {
                final NodeUnderLoad load = new NodeUnderLoad(
                    WireMessage.valueOf(c.name().substring("onPacket ".length())), 1_000, StrategyKind.PUSH_PULL);
                final long datagramsBefore = load.outbox().datagrams;
                final long bytesBefore = load.outbox().bytes;
                run(c.name(), load::deliverNext, ops);
                System.out.printf("%-40s answers: %.2f datagrams/op, %.0f bytes/op%n", "",
                    (load.outbox().datagrams - datagramsBefore) / (2.0 * ops),
                    (load.outbox().bytes - bytesBefore) / (2.0 * ops));
                continue;
            }
            if (c.operation() == null)
            {
                run(c.name(), cluster(c.name()), Math.max(2_000, ops / 50));
                continue;
            }
            run(c.name(), c.operation(), ops);
        }
    }

    private static IntSupplier cluster(final String name)
    {
        final String[] parts = name.split(" ");
        final InMemoryCluster cluster = ClusterRoundBenchmark.newCluster(Integer.parseInt(parts[1]), parts[2], parts[3]);
        return cluster::tick;
    }

    private static IntSupplier encoder(final WireMessage message)
    {
        final WireSamples samples = new WireSamples(1_000);
        final WirePublisher publisher = new WirePublisher("hearsay", WireSamples.address(999), WireSamples.BOOT_ID, 1472);
        final int[] salt = new int[1];
        return () -> message.encode(publisher, samples, salt[0]++ & 0xFFFF);
    }

    private static IntSupplier decoder(final WireMessage message)
    {
        final WireSamples samples = new WireSamples(1_000);
        final WirePublisher publisher = new WirePublisher("hearsay", WireSamples.address(999), WireSamples.BOOT_ID, 1472);
        final SampleDatagrams datagrams = new SampleDatagrams(16, 1472);
        for (int i = 0; i < 16; i++)
        {
            datagrams.add(publisher.buffer(), message.encode(publisher, samples, i));
        }
        final WireAdapter adapter = new WireAdapter("hearsay", 65_507, new NodeCounters());
        final CountingWireHandler handler = new CountingWireHandler();
        final int[] next = new int[1];
        return () ->
        {
            final int i = next[0]++ & 15;
            return adapter.onPacket(datagrams.buffer(i), 0, datagrams.length(i), handler);
        };
    }

    private static void run(final String name, final IntSupplier operation, final int ops)
    {
        long sink = 0;
        for (int i = 0; i < ops; i++)
        {
            sink += operation.getAsInt();
        }
        final long threadId = Thread.currentThread().getId();
        final long bytesBefore = THREADS.getThreadAllocatedBytes(threadId);
        final long cpuBeforeNs = THREADS.getCurrentThreadCpuTime();
        final long startNs = System.nanoTime();
        for (int i = 0; i < ops; i++)
        {
            sink += operation.getAsInt();
        }
        final long elapsedNs = System.nanoTime() - startNs;
        final long cpuNs = THREADS.getCurrentThreadCpuTime() - cpuBeforeNs;
        final long bytes = THREADS.getThreadAllocatedBytes(threadId) - bytesBefore;
        final double perOp = (double)bytes / ops;
        System.out.printf("%-40s %12.3f %12.1f %12.1f %14.0f %s%n", name, perOp, (double)elapsedNs / ops,
            (double)cpuNs / ops, ops * 1e9 / cpuNs, perOp >= 1.0 ? "ALLOCATES" : (sink == 42 ? " " : ""));
    }
}
