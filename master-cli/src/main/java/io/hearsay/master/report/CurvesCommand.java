package io.hearsay.master.report;

import io.hearsay.master.analysis.CollectedRun;
import io.hearsay.master.analysis.LogCollector;
import io.hearsay.master.analysis.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./hearsay curves DIR}: merge a run folder's node logs into propagation curves, plots and summary.json. */
@Command(
    name = "curves",
    mixinStandardHelpOptions = true,
    description = {
        "Merge every node's event log of a run folder (DIR/logs/*) by time into propagation curves:",
        "curve.csv, curve.png + curve.svg (x = time ms, y = nodes that know), curve-rounds.png,",
        "latency.hgrm + latency.png, and summary.json. A DIR whose subfolders are run folders of one",
        "configuration is drawn as repeated runs: their mean with a 95% band.",
        "Exit codes: 0 done, 1 bad input, 2 nothing to draw."
    })
public final class CurvesCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "DIR", description = "a run folder (with logs/), or a folder of run folders")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: DIR itself)")
    Path out;

    @Option(names = "--nodes", paramLabel = "N",
        description = "nodes the percentages count against (default: config.properties/summary.json, else writers)")
    long nodes;

    @Override
    public Integer call() throws Exception
    {
        final PrintStream err = System.err;
        final PrintStream stdout = System.out;
        if (!Files.isDirectory(dir))
        {
            err.println("curves: " + dir + " is not a folder");
            return 1;
        }
        final List<Path> folders = new RunFolder(dir).hasLogs() ? List.of(dir) : RunFolder.find(dir);
        final List<Path> withLogs = new ArrayList<>();
        for (final Path f : folders)
        {
            if (new RunFolder(f).hasLogs())
            {
                withLogs.add(f);
            }
        }
        if (withLogs.isEmpty())
        {
            err.println("curves: no event logs under " + dir + " (expected " + dir.resolve(RunFolder.LOGS) +
                " with one Chronicle queue folder per process" +
                (folders.isEmpty() ? "" : ", or run folders with logs/ below it; found only " + folders.size() +
                " folder(s) with summary.json or config.properties, which ./hearsay report reads") + ")");
            return 2;
        }
        final List<CollectedRun> runs = new ArrayList<>();
        for (final Path f : withLogs)
        {
            final String prefix = withLogs.size() == 1 ? "" : f.getFileName() + ": ";
            final CollectedRun run;
            try
            {
                run = new LogCollector(w -> err.println("warning: " + prefix + w)).collect(new RunFolder(f));
            }
            catch (final IllegalArgumentException ex)
            {
                err.println("curves: " + ex.getMessage());
                return 1;
            }
            if (nodes > 0)
            {
                run.configuration.nodes = nodes;
            }
            runs.add(run);
        }
        final Path target = out != null ? out : dir;
        try
        {
            final List<Path> written = CurvesWriter.write(runs, target);
            long records = 0;
            int queues = 0;
            int events = 0;
            for (final CollectedRun run : runs)
            {
                records += run.records;
                queues += run.queues;
                events += run.events.size();
            }
            stdout.println("merged " + records + " records from " + queues + " queues of " + runs.size() +
                " run folder(s): " + events + " event(s)" + (runs.get(0).clockCorrected ? ", clock-corrected" : ""));
            for (final Path p : written)
            {
                stdout.println("  " + p);
            }
            return 0;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("curves: " + ex.getMessage());
            return ex.getMessage().startsWith("no events") ? 2 : 1;
        }
    }
}
