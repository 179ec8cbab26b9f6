package io.hearsay.bench.analysis;

import io.hearsay.bench.BenchArgs;
import io.hearsay.core.Channel;
import io.hearsay.records.log.EventLogWriter;
import io.hearsay.master.analysis.CollectedRun;
import io.hearsay.master.analysis.EventCurve;
import io.hearsay.master.analysis.LogCollector;
import io.hearsay.master.analysis.RunFolder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Merge speed of the analysis: writes a run folder of {@code --queues} Chronicle queues holding {@code --records}
 * EventLearned records in total (untimed), then times {@link LogCollector#collect} (read every queue, merge by time,
 * de-duplicate, per-round counts, HdrHistogram of latency) and prints records/s and the peak memory.
 * <pre>
 * bench/analysis-bench merge --queues 1000 --records 10000000 --events 1 [--dir D] [--keep] [--reuse] [--repeat K]
 * </pre>
 */
public final class MergeBenchmark
{
    private MergeBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final BenchArgs a = BenchArgs.parse(args, java.util.List.of("--queues", "--records", "--events", "--seed", "--dir",
            "--repeat"), java.util.List.of("--keep", "--reuse"),
            "--queues Q --records R --events E --seed S --dir D --keep --reuse --repeat K");
        final int queues = a.intValue("--queues", 1000);
        final long records = a.longValue("--records", 10_000_000);
        final int events = a.intValue("--events", 1);
        final long seed = a.longValue("--seed", 42);
        final Path dir = a.text("--dir", null) == null ? null : Path.of(a.text("--dir", null));
        final boolean keep = a.flag("--keep");
        final boolean reuse = a.flag("--reuse");
        final int repeat = a.intValue("--repeat", 1);
        final Path run = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("hearsay-merge-bench");
        System.out.printf("merge benchmark: %d queues, %d EventLearned records, %d event(s), seed %d, folder %s%n",
            queues, records, events, seed, run);
        if (!(reuse && Files.isDirectory(run.resolve("logs"))))
        {
            final long writeStartNs = System.nanoTime();
            write(run, queues, records, events, seed);
            System.out.printf("setup (untimed): wrote the queues in %.1f s, %.0f MB on disk%n",
                (System.nanoTime() - writeStartNs) / 1e9, du(run) / 1e6);
        }
        for (int r = 1; r < repeat; r++)
        {
            final long warmStartNs = System.nanoTime();
            final long warmCpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            final CollectedRun warm = new LogCollector(w -> { }).collect(new RunFolder(run));
            System.out.printf("warm-up %d: %d records in %.2f s wall, %.2f s CPU%n", r, warm.records,
                (System.nanoTime() - warmStartNs) / 1e9,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - warmCpuNs) / 1e9);
        }
        System.gc();
        final CollectedRun collected;
        final long startNs;
        final long endNs;
        final long peakHeap;
        final long cpuNs;
        final long processCpuNs;
        final String loadBefore = loadAverage();
        try (PeakMemorySampler sampler = new PeakMemorySampler())
        {
            final long cpuStartNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            final long processStartNs = processCpuNs();
            startNs = System.nanoTime();
            collected = new LogCollector(w -> System.err.println("warning: " + w)).collect(new RunFolder(run));
            endNs = System.nanoTime();
            cpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStartNs;
            processCpuNs = processCpuNs() - processStartNs;
            peakHeap = sampler.peakHeapBytes();
        }
        final double seconds = (endNs - startNs) / 1e9;
        long informed = 0;
        for (final EventCurve e : collected.events)
        {
            informed += e.informed();
        }
        System.out.printf("merged %d records (%d EventLearned) from %d queues into %d event curve(s), %d learnings, " +
            "in %.2f s: %.2f M records/s%n", collected.records, collected.eventRecords, collected.queues,
            collected.events.size(), informed, seconds, collected.records / seconds / 1e6);
        System.out.printf("merging thread CPU time %.2f s: %.2f M records per CPU-second; process CPU (all threads, " +
            "GC included) %.2f s; load average before/after: %s / %s on %d cores%n", cpuNs / 1e9,
            collected.records / (cpuNs / 1e9) / 1e6, processCpuNs / 1e9, loadBefore, loadAverage(),
            Runtime.getRuntime().availableProcessors());
        System.out.printf("peak heap used %.0f MB (sampled every 5 ms), peak resident set %.0f MB (VmHWM), " +
            "max heap %.0f MB%n", peakHeap / 1e6, PeakMemorySampler.peakResidentBytes() / 1e6,
            Runtime.getRuntime().maxMemory() / 1e6);
        final EventCurve first = collected.events.get(0);
        System.out.printf("first event: t50 %.1f ms, t100 %.1f ms, rounds100 %d, latency p99 %.1f ms%n",
            first.timeToFractionMs(0.5, collected.alive()), first.timeToFractionMs(1.0, collected.alive()),
            first.roundsToFraction(1.0, collected.alive()), first.latencyNs().getValueAtPercentile(99) / 1e6);
        if (!keep && dir == null)
        {
            delete(run);
        }
    }

    /** Node k lives in queue k mod Q; each event reaches every node once, times growing within each queue. */
    static void write(final Path run, final int queues, final long records, final int events, final long seed)
        throws IOException
    {
        final long nodes = records / events;
        Files.writeString(run.resolve("config.properties"), "source=sim\nnodes=" + nodes + "\nstrategy=push-pull\n" +
            "timing=periodic\nfanout=1\ngossip-period-ms=200\nseed=" + seed + "\n");
        final Random random = new Random(seed);
        final long t0 = 1_700_000_000_000_000_000L;
        final double log2N = Math.log(nodes) / Math.log(2);
        for (int q = 0; q < queues; q++)
        {
            try (EventLogWriter w = new EventLogWriter(run.resolve("logs/p" + q)))
            {
                for (int e = 0; e < events; e++)
                {
                    final long created = t0 + e * 60_000_000_000L;
                    long timeNs = created;
                    final long perQueue = (nodes - q + queues - 1) / queues;
                    final double stepNs = log2N * 200e6 / Math.max(1, perQueue);
                    for (long k = q, i = 0; k < nodes; k += queues, i++)
                    {
                        timeNs = k == 0 ? created : created + (long)(i * stepNs) + 1 + random.nextInt(1000);
                        final int round = (int)((timeNs - created) / 200_000_000L);
                        w.eventLearned(timeNs, 0, k, 0, e, created, k == 0 ? 0 : round + 1, round + 1, 0,
                            k == 0 ? Channel.ORIGIN : Channel.PUSH, 0);
                    }
                }
            }
        }
    }

    static long processCpuNs()
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean ?
            ((com.sun.management.OperatingSystemMXBean)os).getProcessCpuTime() : -1;
    }

    static String loadAverage()
    {
        try
        {
            final String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "?";
        }
    }

    static long du(final Path dir) throws IOException
    {
        final Process p = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
        try
        {
            final String out = new String(p.getInputStream().readAllBytes()).trim();
            return Long.parseLong(out.split("\\s+")[0]);
        }
        catch (final RuntimeException ex)
        {
            return -1;
        }
    }

    static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> walk = Files.walk(dir))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
