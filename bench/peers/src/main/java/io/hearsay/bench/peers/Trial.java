package io.hearsay.bench.peers;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * One trial of one system, in this JVM: start N members and wait until every member holds all N alive (a system
 * that does not converge within {@code --converge-s} is reported as such and not timed); a steady window of
 * {@code --idle-s} (CPU per member at idle, removals of live members = false removals); memory (RSS, heap after GC,
 * threads); {@code --events} user events from random members, each timed until every other member has it; then one
 * member crashed and timed until every other has removed it. Prints CSV rows ({@code trial,…}, {@code event,…},
 * {@code config,…}) for the coordinator on standard output.
 * <p>
 * Usage: {@code java -cp JAR io.hearsay.bench.peers.Trial --system scalecube --nodes 64 [...]}; {@link TrialSettings}
 * lists the options.
 */
public final class Trial
{
    public static final String TRIAL_HEADER = "trial,system,nodes,trial,status,converge_ms,idle_cpu_pct_per_node," +
        "dissemination_cpu_pct_per_node,rss_mib,rss_kib_per_node,rss_added_kib_per_node,heap_kib_per_node,threads," +
        "false_removals,crash_removed_ms,events_to_all";
    public static final String EVENT_HEADER = "event,system,nodes,trial,index,source,informed,t50_ms,t_all_ms";
    private static final long POLL_MS = 5;

    private Trial()
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
            System.err.println("trial: " + ex.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(settings));
    }

    static int run(final TrialSettings s) throws Exception
    {
        final int n = s.nodes;
        final long baselineRss = rssBytes();
        final Observations observations = new Observations(n);
        final String className = "scalecube".equals(s.system) ?
            "io.hearsay.bench.peers.ScaleCubeCluster" : "io.hearsay.bench.peers.HearsayCluster";
        try (PeerCluster cluster = (PeerCluster)Class.forName(className).getDeclaredConstructor().newInstance())
        {
            final long startNs = System.nanoTime();
            cluster.start(s, observations);
            System.out.println("config," + s.label() + "," + cluster.configuration().replace('\n', ' ').replace(',', ';'));
            if (!await(() -> cluster.smallestView() >= n, s.convergeS * 1000L))
            {
                System.out.println(row("trial", s.label(), n, s.trial, "not-converged(smallest view " + cluster.smallestView() + ")",
                    ms(System.nanoTime() - startNs), "", "", "", "", "", "", "", "", "", ""));
                return 3;
            }
            final String convergeMs = ms(System.nanoTime() - startNs);

            final int removalsBefore = observations.removals();
            final long idleCpuStart = cpuNs();
            final long idleWallStart = System.nanoTime();
            Thread.sleep(s.idleS * 1000L);
            final double idleCpuPct = percentOfACore(cpuNs() - idleCpuStart, System.nanoTime() - idleWallStart) / n;
            final int falseRemovals = observations.removals() - removalsBefore;

            final long heap = heapAfterGc();
            final long rss = rssBytes();
            final int threads = ManagementFactory.getThreadMXBean().getThreadCount();

            final SplittableRandom random = new SplittableRandom(s.seed);
            int toAll = 0;
            final long dissemCpuStart = cpuNs();
            final long dissemWallStart = System.nanoTime();
            for (int e = 0; e < s.events; e++)
            {
                final int source = random.nextInt(n - 1);   // never the member crashed later
                final String payload = s.label() + "-" + s.trial + "-" + e;
                final long t0 = System.nanoTime();
                cluster.broadcast(source, payload);
                final boolean all = await(() -> informedOthers(observations.deliveryTimesNs(payload), source) >= n - 1, 30_000);
                final long[] times = observations.deliveryTimesNs(payload);
                final long[] latencies = new long[n - 1];
                int informed = 0;
                for (int i = 0, k = 0; i < n; i++)
                {
                    if (i != source)
                    {
                        latencies[k++] = times[i] == 0 ? Long.MAX_VALUE : times[i] - t0;
                        informed += times[i] == 0 ? 0 : 1;
                    }
                }
                Arrays.sort(latencies);
                toAll += all ? 1 : 0;
                System.out.println(row("event", s.label(), n, s.trial, e, source, informed,
                    ms(latencies[(n - 1) / 2]), all ? ms(latencies[n - 2]) : ""));
                Thread.sleep(Math.max(1_000, 3L * s.intervalMs));
            }
            final double dissemCpuPct = percentOfACore(cpuNs() - dissemCpuStart, System.nanoTime() - dissemWallStart) / n;

            String crashMs = "";
            if (s.crashS > 0)
            {
                final int victim = n - 1;
                final long t0 = System.nanoTime();
                cluster.crash(victim);
                crashMs = await(() -> cluster.removedByAll(victim), s.crashS * 1000L) ?
                    ms(System.nanoTime() - t0) : "not-removed-in-" + s.crashS + "s";
            }
            System.out.println(row("trial", s.label(), n, s.trial, "ok", convergeMs, idleCpuPct, dissemCpuPct,
                rss / 1048576.0, rss / 1024.0 / n, (rss - baselineRss) / 1024.0 / n, heap / 1024.0 / n, threads,
                falseRemovals, crashMs, toAll));
        }
        return 0;
    }

    private static int informedOthers(final long[] times, final int source)
    {
        int informed = 0;
        for (int i = 0; i < times.length; i++)
        {
            informed += i != source && times[i] != 0 ? 1 : 0;
        }
        return informed;
    }

    /** polls the condition every few ms until it holds (true) or the deadline passes (false) */
    static boolean await(final BooleanSupplier condition, final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
        return true;
    }

    static String row(final Object... values)
    {
        final StringBuilder line = new StringBuilder();
        for (final Object v : values)
        {
            if (line.length() > 0)
            {
                line.append(',');
            }
            line.append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v).replace(',', ';'));
        }
        return line.toString();
    }

    private static String ms(final long ns)
    {
        return ns == Long.MAX_VALUE ? "" : String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }

    private static double percentOfACore(final long cpuNs, final long wallNs)
    {
        return 100.0 * cpuNs / wallNs;
    }

    private static long cpuNs()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long heapAfterGc() throws InterruptedException
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(100);
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
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
