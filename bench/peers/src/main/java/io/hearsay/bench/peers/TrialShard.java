package io.hearsay.bench.peers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One JVM's share of one system's trial: starts the members {@code --first} .. {@code first + count − 1} of N
 * ({@link PeerCluster}), prints {@code ready,<member 0's address>,<RSS before start>} and then answers the
 * coordinator's commands, one line in, one line out, until {@code quit} or the end of its input:
 * <ul>
 * <li>{@code view} → {@code view,<smallest view of a member hosted here>}</li>
 * <li>{@code usage [gc]} → {@code usage,<process CPU ns>,<RSS B>,<heap used B>,<direct B>,<threads>,<messages sent>,
 * <bytes sent>,<removals seen>} (after two GCs with {@code gc})</li>
 * <li>{@code broadcast <member> <payload>} → {@code sent,<monotonic ns just before the system was handed it>}</li>
 * <li>{@code count <payload>} → {@code count,<members hosted here that have it>}</li>
 * <li>{@code times <payload>} → {@code times,<member>:<monotonic ns>;…} (first deliveries here)</li>
 * <li>{@code crash <member>} → {@code crashed,<monotonic ns just before it was stopped>}; {@code removed <member>} → {@code removed,true|false}</li>
 * </ul>
 * Monotonic ns are {@code System.nanoTime()}, one clock for every JVM on the machine (CLOCK_MONOTONIC), so the
 * coordinator compares them across shards. A wrong command is answered {@code error,<what>} and the shard goes on.
 * <p>
 * Usage: {@code java -cp JAR io.hearsay.bench.peers.TrialShard --system scalecube --nodes 256 --first 64 --count 64
 * --seed-address 127.0.0.1:40001 [...]}; {@link TrialSettings} lists the options.
 */
public final class TrialShard
{
    private static final Map<String, String> CLUSTERS = Map.of(
        "hearsay", "io.hearsay.bench.peers.HearsayCluster",
        "scalecube", "io.hearsay.bench.peers.ScaleCubeCluster",
        "atomix", "io.hearsay.bench.peers.AtomixCluster");

    private TrialShard()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final TrialSettings settings;
        try
        {
            settings = TrialSettings.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("trial shard: " + ex.getMessage());
            System.exit(2);
            return;
        }
        final long baselineRss = rssBytes();
        final Observations observations = new Observations(settings.nodes);
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (PeerCluster cluster = (PeerCluster)Class.forName(CLUSTERS.get(settings.system)).getDeclaredConstructor().newInstance())
        {
            cluster.start(settings, observations);
            System.out.println("config," + cluster.configuration().replace('\n', ' ').replace(',', ';'));
            System.out.println("ready," + cluster.seedAddress() + "," + baselineRss);
            System.out.flush();
            for (String line = in.readLine(); line != null && !"quit".equals(line); line = in.readLine())
            {
                String answer;
                try
                {
                    answer = answer(line.split(" ", 3), cluster, observations, settings);
                }
                catch (final Exception ex)
                {
                    answer = "error," + line + ": " + ex;
                }
                System.out.println(answer.replace('\n', ' '));
                System.out.flush();
            }
        }
        System.exit(0);
    }

    private static String answer(final String[] c, final PeerCluster cluster, final Observations observations,
        final TrialSettings s) throws Exception
    {
        switch (c[0])
        {
            case "view":
                return "view," + cluster.smallestView();
            case "usage":
                final long heap = c.length > 1 && "gc".equals(c[1]) ? heapAfterGc() :
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                final long[] sent = cluster.sent();
                return "usage," + cpuNs() + "," + rssBytes() + "," + heap + "," + directBytes() + "," +
                    ManagementFactory.getThreadMXBean().getThreadCount() + "," + sent[0] + "," + sent[1] + "," +
                    observations.removals();
            case "broadcast":
            {
                final int source = member(c, s);
                final long t0 = System.nanoTime();
                cluster.broadcast(source, c[2]);
                return "sent," + t0;
            }
            case "count":
                return "count," + observations.deliveredCount(c[1]);
            case "times":
            {
                final long[] times = observations.deliveryTimesNs(c[1]);
                final StringBuilder b = new StringBuilder("times,");
                for (int i = 0; i < times.length; i++)
                {
                    if (times[i] != 0)
                    {
                        b.append(i).append(':').append(times[i]).append(';');
                    }
                }
                return b.toString();
            }
            case "crash":
            {
                final int victim = member(c, s);
                final long t0 = System.nanoTime();
                cluster.crash(victim);
                return "crashed," + t0;
            }
            case "removed":
                return "removed," + cluster.removedByAll(Integer.parseInt(c[1]));
            default:
                return "error,unknown command " + c[0] + " (accepted: view, usage [gc], broadcast M P, count P, times P, " +
                    "crash M, removed M, quit)";
        }
    }

    private static int member(final String[] c, final TrialSettings s)
    {
        final int m = Integer.parseInt(c[1]);
        if (!s.hosts(m))
        {
            throw new IllegalArgumentException("member " + m + " is not hosted here (" + s.first + ".." + (s.first + s.count - 1) + ")");
        }
        return m;
    }

    private static long cpuNs()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long heapAfterGc() throws InterruptedException
    {
        System.gc();
        Thread.sleep(100);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long directBytes()
    {
        long bytes = 0;
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            if ("direct".equals(pool.getName()))
            {
                bytes += pool.getMemoryUsed();
            }
        }
        return bytes;
    }

    /** resident set size from /proc/self/status (0 where there is none) */
    static long rssBytes()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (final Exception ex)
        {
            return 0;
        }
        return 0;
    }
}
