package io.hearsay.bench.analysis;

import io.hearsay.bench.BenchArgs;
import io.hearsay.records.run.RunSummary;
import io.hearsay.master.report.ReportWriter;
import io.hearsay.master.report.ScalingStudy;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Time of {@code ./hearsay report} over many runs: writes {@code --runs} run folders (summary.json only; two
 * strategies, sizes 2^4 … 2^22, one growing like log N and one like log log N, with noise), then times reading,
 * grouping, fitting (bootstrap {@code --bootstrap}) and writing report.html, report.md and fits.json.
 * <pre>
 * bench/analysis-bench report --runs 500 --bootstrap 1000
 * </pre>
 */
public final class ReportBenchmark
{
    private ReportBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final BenchArgs a = BenchArgs.parse(args, java.util.List.of("--runs", "--bootstrap", "--seed"), java.util.List.of(),
            "--runs R --bootstrap B --seed S");
        final int runs = a.intValue("--runs", 500);
        final int bootstrap = a.intValue("--bootstrap", 1000);
        final long seed = a.longValue("--seed", 7);
        final Path root = Files.createTempDirectory("hearsay-report-bench");
        final Random random = new Random(seed);
        final String[] strategies = {"push-pull", "direct"};
        for (int r = 0; r < runs; r++)
        {
            final String strategy = strategies[r % 2];
            final int exponent = 4 + 2 * ((r / 2) % 10);
            final long n = 1L << exponent;
            final RunSummary s = new RunSummary();
            s.source = "sim";
            s.runId = "run-" + r;
            s.nodes = n;
            s.processes = 1;
            s.strategy = strategy;
            s.timing = "periodic";
            s.fanout = 1;
            s.gossipPeriodMs = 200;
            s.seed = seed + r;
            s.fidelity = "dissemination";
            final double base = strategy.equals("direct") ? 2 + 3 * Math.log(exponent) / Math.log(2) :
                1 + 0.63 * exponent;
            final RunSummary.EventSummary e = new RunSummary.EventSummary();
            e.informed = n;
            e.alive = n;
            e.rounds50 = (int)Math.round(0.6 * base + 0.5 * random.nextGaussian());
            e.rounds99 = (int)Math.round(base + 0.5 * random.nextGaussian());
            e.rounds100 = e.rounds99 + 1 + random.nextInt(2);
            e.t50Ms = 200 * e.rounds50 + 50 * random.nextDouble();
            e.t99Ms = 200 * e.rounds99 + 50 * random.nextDouble();
            e.t100Ms = 200 * e.rounds100 + 50 * random.nextDouble();
            e.messagesPerNode = 2 * e.rounds100;
            e.maxReceivedPerRound = 3 + random.nextInt(3);
            s.events.add(e);
            final Path dir = root.resolve("runs/" + s.runId);
            Files.createDirectories(dir);
            s.write(dir.resolve(RunSummary.FILE_NAME));
        }
        final long startNs = System.nanoTime();
        final long cpuStartNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        final ScalingStudy study = ScalingStudy.of(List.of(root.resolve("runs")), bootstrap, 1, w -> { });
        final long fittedNs = System.nanoTime();
        final List<Path> written = ReportWriter.write(study, root.resolve("out"));
        final long endNs = System.nanoTime();
        final long cpuNs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStartNs;
        System.out.printf("report over %d runs (%d groups, bootstrap %d): %.2f s wall (read+group+fit %.2f s, " +
            "plots+html+md+json %.2f s), %.2f s CPU of the main thread; load average %s on %d cores%n",
            study.runCount, study.groups.size(), bootstrap, (endNs - startNs) / 1e9, (fittedNs - startNs) / 1e9,
            (endNs - fittedNs) / 1e9, cpuNs / 1e9, MergeBenchmark.loadAverage(),
            Runtime.getRuntime().availableProcessors());
        for (final ScalingStudy.Group g : study.groups)
        {
            System.out.println("  " + g.headline);
        }
        System.out.println("  " + written.get(written.size() - 1));
    }
}
