package io.hearsay.bench.macro;

import io.hearsay.bench.BenchArgs;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.core.Addresses;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.HostedNode;
import io.hearsay.daemon.shell.ShellConfig;

import javax.management.ObjectName;
import java.util.Map;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Memory per hosted node: one process hosting {@code --nodes} real nodes (sockets on loopback, ports from
 * {@code --port}), joined to node 0 and run until every node sees every other (or {@code --converge-s} passes),
 * then {@code --events} events are injected (over the control port, as the master does) and spread for 5 s. Heap used after full GCs (MemoryMXBean) and direct and
 * mapped buffers (BufferPoolMXBean) are read before the daemon is built and at the end; the difference divided by
 * the node count is the figure. Run the JVM with {@code -XX:NativeMemoryTracking=summary} to also get NMT's
 * summary diff (committed memory by category, including thread stacks, code, GC and socket buffers' JVM side).
 * <p>
 * Usage: {@code java -XX:NativeMemoryTracking=summary -cp benchmarks.jar io.hearsay.bench.macro.MemoryPerNode
 * [--nodes 1000] [--port 31000] [--converge-s 120] [--events 10] [--profile lan]}
 */
public final class MemoryPerNode
{
    public static void main(final String[] args) throws Exception
    {
        final BenchArgs a = BenchArgs.parse(args, java.util.List.of("--nodes", "--port", "--converge-s", "--events",
            "--profile"), java.util.List.of(), "--nodes, --port, --converge-s, --events, --profile lan|wan|local");
        final int nodes = a.intValue("--nodes", 1_000);
        final int port = a.intValue("--port", 31_000);
        final int convergeS = a.intValue("--converge-s", 120);
        final int events = a.intValue("--events", 10);
        final String profile = a.text("--profile", "lan");
        final boolean nmt = nmt("baseline") != null;
        final long heapBefore = heapAfterGc();
        final long directBefore = buffers("direct");
        final long mappedBefore = buffers("mapped");

        final NodeConfig nodeConfig = NodeConfig.profile(NodeConfig.Profile.valueOf(profile.toUpperCase()))
            .strategy(StrategyKind.PUSH_PULL);
        final ShellConfig config = new ShellConfig()
            .bindAddress("127.0.0.1").port(port).nodes(nodes).controlPort(0).seed(20_261_126L)
            .seeds(new long[]{ Addresses.parse("127.0.0.1:" + port) })
            .nodeConfig(nodeConfig).idleStrategy("backoff").conclude();
        final long startNs = System.nanoTime();
        try (HearsayDaemon daemon = new HearsayDaemon(config))
        {
            daemon.start();
            final HostedNode[] hosted = daemon.nodes();
            final int smallest = LoopbackThroughput.awaitMembership(hosted, convergeS);
            final double convergedS = (System.nanoTime() - startNs) / 1e9;
            try (ControlClient control = new ControlClient(daemon.controlAddress()))
            {
                for (int e = 0; e < events; e++)
                {
                    control.inject(hosted[(e * 97) % hosted.length].address(), 1, "event-" + e);
                }
            }
            Thread.sleep(5_000);

            final long heapAfter = heapAfterGc();
            final long directAfter = buffers("direct");
            final long mappedAfter = buffers("mapped");
            final double heapPerNode = (heapAfter - heapBefore) / (double)nodes;
            final double directPerNode = (directAfter - directBefore) / (double)nodes;
            System.out.printf("memory-per-node nodes=%d profile=%s smallest member view %d of %d after %.1f s%n",
                nodes, profile, smallest, nodes, convergedS);
            System.out.printf("  heap used after GC      %,d -> %,d bytes: %.1f KiB per node%n",
                heapBefore, heapAfter, heapPerNode / 1024);
            System.out.printf("  direct buffers          %,d -> %,d bytes: %.1f KiB per node%n",
                directBefore, directAfter, directPerNode / 1024);
            System.out.printf("  mapped buffers          %,d -> %,d bytes (event log, none here)%n", mappedBefore, mappedAfter);
            System.out.printf("  heap + direct           %.1f KiB per node   <- figure (target <= 256 KiB)%n",
                (heapPerNode + directPerNode) / 1024);
            final Map<String, Long> breakdown = new java.util.TreeMap<>();
            final int samples = Math.min(10, hosted.length - 1);
            for (int k = 0; k < samples; k++)
            {
                final int index = (int)((long)k * (hosted.length - 1) / samples);
                HeapBreakdown.of(hosted[index], hosted[index + 1], 4).forEach((path, bytes) -> breakdown.merge(path, bytes, Long::sum));
            }
            final long sampledTotal = breakdown.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("  a node's own heap, mean of %d sampled nodes (objects not shared with the next node, " +
                "estimated sizes): %.1f KiB%n", samples, sampledTotal / 1024.0 / samples);
            breakdown.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> System.out.printf("    %8.1f KiB  %s%n", e.getValue() / 1024.0 / samples, e.getKey()));
            System.out.println("  largest heap classes (GC.class_histogram, top 20):");
            final String[] histogram = diagnostic("gcClassHistogram").split("\n");
            for (int i = 0; i < Math.min(23, histogram.length); i++)
            {
                System.out.println("    " + histogram[i]);
            }
            if (nmt)
            {
                System.out.println("  NMT summary diff against the baseline taken before the daemon was built:");
                System.out.println(nmt("summary.diff", "scale=KB"));
            }
            else
            {
                System.out.println("  (run with -XX:NativeMemoryTracking=summary for the NMT diff)");
            }
            System.out.println("  conditions: " + Conditions.describe());
        }
    }

    private static long heapAfterGc() throws InterruptedException
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++)
        {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long buffers(final String pool)
    {
        for (final BufferPoolMXBean bean : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if (bean.getName().equals(pool))
            {
                return bean.getMemoryUsed();
            }
        }
        return 0;
    }

    /** VM.native_memory (as jcmd), or null when NMT is off */
    private static String nmt(final String... arguments)
    {
        final String text = diagnostic("vmNativeMemory", arguments);
        return text == null || text.contains("not enabled") ? null : text;
    }

    /** a DiagnosticCommand operation (as jcmd), or null when it cannot run */
    private static String diagnostic(final String operation, final String... arguments)
    {
        try
        {
            final ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
            final Object result = ManagementFactory.getPlatformMBeanServer().invoke(
                name, operation, new Object[]{ arguments }, new String[]{ String[].class.getName() });
            return String.valueOf(result);
        }
        catch (final Exception ex)
        {
            return null;
        }
    }
}
