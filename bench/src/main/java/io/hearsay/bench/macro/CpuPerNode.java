package io.hearsay.bench.macro;

import io.hearsay.bench.BenchArgs;
import io.hearsay.core.Addresses;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.HostedNode;
import io.hearsay.daemon.shell.ShellConfig;

import java.lang.management.ManagementFactory;

/**
 * CPU per hosted node and per datagram: one process hosting {@code --nodes} real nodes on loopback (roster formation,
 * the daemon's own duty-cycle thread and idle strategy, LAN profile: 200 ms rounds, 1 s probes), measured over
 * {@code --seconds} after {@code --warmup-s}: first idle membership, then while disseminating ({@code --events-per-s}
 * events injected over the control port at nodes in turn, as the master does). For each phase: the process's CPU
 * time (all threads: duty cycle, GC, JIT) and the duty-cycle thread's, datagrams sent and received by the nodes
 * (their counters), bytes the duty-cycle thread allocated; printed per node-second and per datagram.
 * <p>
 * Usage: {@code java <JVM flags> -cp benchmarks.jar io.hearsay.bench.macro.CpuPerNode [--nodes 256] [--port 21000]
 * [--warmup-s 20] [--seconds 20] [--events-per-s 5] [--idle select] [--profile lan]}
 */
public final class CpuPerNode
{
    public static void main(final String[] args) throws Exception
    {
        final BenchArgs a = BenchArgs.parse(args, java.util.List.of("--nodes", "--port", "--warmup-s", "--seconds",
            "--events-per-s", "--idle", "--profile"), java.util.List.of(),
            "--nodes, --port, --warmup-s, --seconds, --events-per-s, --idle, --profile lan|wan|local");
        final int nodes = a.intValue("--nodes", 256);
        final int port = a.intValue("--port", 21_000);
        final int warmupS = a.intValue("--warmup-s", 20);
        final int seconds = a.intValue("--seconds", 20);
        final int eventsPerS = a.intValue("--events-per-s", 5);
        final String idle = a.text("--idle", "select");
        final String profile = a.text("--profile", "lan");
        final long[] roster = new long[nodes];
        for (int i = 0; i < nodes; i++)
        {
            roster[i] = Addresses.parse("127.0.0.1:" + (port + i));
        }
        final NodeConfig nodeConfig = NodeConfig.profile(NodeConfig.Profile.valueOf(profile.toUpperCase()))
            .strategy(StrategyKind.PUSH_PULL);
        final ShellConfig config = new ShellConfig()
            .bindAddress("127.0.0.1").port(port).nodes(nodes).controlPort(0).seed(20_261_206L)
            .roster(roster).nodeConfig(nodeConfig).idleStrategy(idle).conclude();
        System.out.printf("cpu-per-node nodes=%d profile=%s idle=%s warm-up %d s, %d s per phase%n",
            nodes, profile, idle, warmupS, seconds);
        try (HearsayDaemon daemon = new HearsayDaemon(config))
        {
            daemon.start();
            final HostedNode[] hosted = daemon.nodes();
            Thread.sleep(warmupS * 1000L);
            final Thread shell = shellThread();
            final Sample idleStart = Sample.take(daemon, shell);
            Thread.sleep(seconds * 1000L);
            final Sample idleEnd = Sample.take(daemon, shell);
            report("idle membership", nodes, idleStart, idleEnd);

            try (ControlClient control = new ControlClient(daemon.controlAddress()))
            {
                final Sample start = Sample.take(daemon, shell);
                final long periodNs = 1_000_000_000L / Math.max(1, eventsPerS);
                final long endNs = System.nanoTime() + seconds * 1_000_000_000L;
                int e = 0;
                for (long nextNs = System.nanoTime(); nextNs - endNs < 0; nextNs += periodNs)
                {
                    final long waitNs = nextNs - System.nanoTime();
                    if (waitNs > 0)
                    {
                        Thread.sleep(waitNs / 1_000_000, (int)(waitNs % 1_000_000));
                    }
                    control.inject(hosted[(e * 97) % hosted.length].address(), 1, "event-" + e);
                    e++;
                }
                final Sample end = Sample.take(daemon, shell);
                report("disseminating " + eventsPerS + " events/s", nodes, start, end);
            }
            int smallest = Integer.MAX_VALUE;
            for (final HostedNode node : hosted)
            {
                smallest = Math.min(smallest, node.protocol().liveMemberCount());
            }
            System.out.printf("  smallest member view at the end: %d of %d%n", smallest, nodes);
            System.out.println("  conditions: " + Conditions.describe());
        }
    }

    private static void report(final String phase, final int nodes, final Sample start, final Sample end)
    {
        final double wallS = (end.wallNs - start.wallNs) / 1e9;
        final long datagrams = (end.sent - start.sent) + (end.received - start.received);
        final double processCpuS = (end.processCpuNs - start.processCpuNs) / 1e9;
        final double threadCpuS = (end.threadCpuNs - start.threadCpuNs) / 1e9;
        System.out.printf("  %s over %.1f s: %,d datagrams sent + %,d received (%.1f per node-second)%n", phase, wallS,
            end.sent - start.sent, end.received - start.received, datagrams / wallS / nodes);
        System.out.printf("    process CPU      %.3f s/s = %.3f ms per node-second, %.2f us per datagram%n",
            processCpuS / wallS, processCpuS / wallS / nodes * 1e3, processCpuS / datagrams * 1e6);
        System.out.printf("    duty-cycle thread %.3f s/s = %.3f ms per node-second, %.2f us per datagram; " +
            "allocated %.1f B per datagram%n", threadCpuS / wallS, threadCpuS / wallS / nodes * 1e3,
            threadCpuS / datagrams * 1e6, (end.allocated - start.allocated) / (double)datagrams);
        System.out.printf("    duty cycles      %,.0f per second, %.1f datagrams per cycle%n",
            (end.cycles - start.cycles) / wallS, datagrams / (double)Math.max(1, end.cycles - start.cycles));
    }

    private static Thread shellThread()
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().equals("hearsay-shell"))
            {
                return thread;
            }
        }
        throw new IllegalStateException("no hearsay-shell thread");
    }

    private record Sample(
        long wallNs, long processCpuNs, long threadCpuNs, long allocated, long sent, long received, long cycles)
    {
        static Sample take(final HearsayDaemon daemon, final Thread shell)
        {
            final HostedNode[] hosted = daemon.nodes();
            long sent = 0;
            long received = 0;
            for (final HostedNode node : hosted)
            {
                sent += node.protocol().counters().messagesSent;
                received += node.protocol().counters().messagesReceived;
            }
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
            return new Sample(System.nanoTime(), os.getProcessCpuTime(), threads.getThreadCpuTime(shell.getId()),
                threads.getThreadAllocatedBytes(shell.getId()), sent, received, daemon.agent().cycles());
        }
    }
}
