package io.hearsay.master.report;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./hearsay report DIR… [--out DIR]}: the scaling report over many run folders. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Compare many runs (local, sim or docker run folders, found at any depth below each DIR): group them by",
        "configuration, plot T50/T99/T100 (rounds and ms), messages per node and peak in-degree against N, fit",
        "a + b·log2 N, a + b·log2 log2 N and the nested model (AIC/BIC, bootstrap, squaring ladder) and write a",
        "verdict per configuration computed from the fits: report.html (self-contained), report.md, fits.json.",
        "Exit codes: 0 done, 1 bad input, 2 no usable run, 3 written but a run used had records lost to damaged",
        "logs (its corrupt_files, one line per damaged file on stderr; --accept-damaged exits 0)."
    })
public final class ReportCommand implements Callable<Integer>
{
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "run folders, or folders holding run folders")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: ./report)")
    Path out = Path.of("report");

    @Option(names = "--bootstrap", paramLabel = "B", description = "bootstrap resamples per fit (default: 1000)")
    int bootstrap = 1000;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the bootstrap (default: 1)")
    long seed = 1;

    @Option(names = "--accept-damaged",
        description = "exit 0 even when a run used had records lost to damaged log files (they are still listed)")
    boolean acceptDamaged;

    @Override
    public Integer call() throws Exception
    {
        for (final Path d : dirs)
        {
            if (!Files.isDirectory(d))
            {
                System.err.println("report: " + d + " is not a folder");
                return 1;
            }
        }
        if (bootstrap < 0)
        {
            System.err.println("report: --bootstrap " + bootstrap + " must be 0 or more");
            return 1;
        }
        final long startNs = System.nanoTime();
        final ScalingStudy study = ScalingStudy.of(dirs, bootstrap, seed, w -> System.err.println("warning: " + w));
        for (final String s : study.skipped)
        {
            System.err.println("skipped: " + s);
        }
        if (study.groups.isEmpty())
        {
            System.err.println("report: no usable run under " + dirs + " (a run needs summary.json with events, " +
                "or logs/ with EventLearned records)");
            return 2;
        }
        final List<Path> written = ReportWriter.write(study, out);
        System.out.println(study.groupingStatement());
        System.out.println("bootstrap: " + bootstrap + " resamples, seed " + seed);
        for (final ScalingStudy.Group g : study.groups)
        {
            System.out.println("  " + g.key.label() + ": " + g.headline);
        }
        System.out.printf("report over %d runs in %.1f s:%n", study.runCount, (System.nanoTime() - startNs) / 1e9);
        for (final Path p : written)
        {
            System.out.println("  " + p);
        }
        return DamagedLogs.verdict("report", study.damaged, acceptDamaged, System.err);
    }
}
