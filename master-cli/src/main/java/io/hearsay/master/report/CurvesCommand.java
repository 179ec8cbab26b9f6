package io.hearsay.master.report;

import io.hearsay.master.analysis.CollectedRun;
import io.hearsay.master.analysis.EventCurve;
import io.hearsay.master.analysis.FaultLogReader;
import io.hearsay.master.analysis.FaultWindow;
import io.hearsay.master.analysis.LogCollector;
import io.hearsay.master.analysis.RunFolder;
import io.hearsay.master.analysis.SimScenarioReader;
import io.hearsay.records.run.RunSummary;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./hearsay curves DIR}: merge a run folder's node logs into propagation curves, plots and summary.json. */
@Command(
    name = "curves",
    mixinStandardHelpOptions = true,
    description = {
        "Merge every node's event log of a run folder (DIR/logs/*) by time into propagation curves:",
        "curve.csv, curve.png + curve.svg (x = time ms, y = nodes that know), curve-rounds.png,",
        "latency.hgrm + latency.png, and summary.json. A DIR whose subfolders are run folders of one",
        "configuration is drawn as repeated runs: their mean with a 95%% band. A run folder's faults.jsonl",
        "(Docker lab) or scenario.txt (sim) is shaded on curve.png/curve.svg, one band per fault window, and",
        "listed in summary.json. Theory drawn and printed: the model of what ran (the synchronous formulas for",
        "the simulator's rounds fidelity, else asynchronous spreading at the run's measured rate).",
        "A damaged log file is read around its damage: every record whose checksum holds is used, and the file is",
        "named in summary.json corrupt_files with what it lost (\"read N of M records, lost K at offset X\").",
        "Exit codes: 0 done, 1 bad input, 2 nothing to draw, 3 drawn but records were lost to damaged logs",
        "(one line per damaged file on stderr; --accept-damaged exits 0)."
    })
public final class CurvesCommand implements Callable<Integer>
{
    private static final int MAX_EVENTS_PRINTED = 20;

    @Parameters(index = "0", paramLabel = "DIR", description = "a run folder (with logs/), or a folder of run folders")
    Path dir;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: DIR itself)")
    Path out;

    @Option(names = "--nodes", paramLabel = "N",
        description = "nodes the percentages count against (default: config.properties/summary.json, else writers)")
    long nodes;

    @Option(names = "--accept-damaged",
        description = "exit 0 even when records were lost to damaged log files (they are still listed)")
    boolean acceptDamaged;

    /** One line: the model drawn over the curves and what it expects (summary.json's "theory"). */
    static void printTheory(final PrintStream out, final Path summaryFile) throws java.io.IOException
    {
        if (!(RunSummary.read(summaryFile).extra.get(CurvesWriter.THEORY) instanceof Map<?, ?> theory))
        {
            return;
        }
        if (theory.containsKey("t100_ms"))
        {
            final double measured = number(theory.get("measured_messages_per_node"));
            out.printf(Locale.ROOT, "  theory (%s; %.2f gossip calls + %.2f probes per node per s, %s): " +
                    "t50 %.1f ms, t99 %.1f ms, t100 %.1f ms%n", theory.get("model"),
                number(theory.get("gossip_calls_per_node_per_s")), number(theory.get("probes_per_node_per_s")),
                measured > 0 ? String.format(Locale.ROOT, "configured × %.2f from the run's message counts",
                    number(theory.get("rate_scale"))) : "the configured timers",
                number(theory.get("t50_ms")), number(theory.get("t99_ms")), number(theory.get("t100_ms")));
        }
        else
        {
            out.printf(Locale.ROOT, "  theory (%s): all know after %s = %.1f rounds%n", theory.get("model"),
                theory.get("rounds_all_formula"), number(theory.get("rounds_all")));
        }
    }

    private static double number(final Object value)
    {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

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
        final List<FaultWindow> faults = new ArrayList<>();
        if (runs.size() == 1)
        {
            final Path runDir = runs.get(0).folder.dir();
            faults.addAll(new FaultLogReader(w -> err.println("warning: " + w)).read(runDir));
            faults.addAll(new SimScenarioReader(w -> err.println("warning: " + w))
                .read(runDir, runs.get(0).configuration.nodes));
        }
        try
        {
            final List<Path> written = CurvesWriter.write(runs, faults, target);
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
            final io.hearsay.master.analysis.HostClocks.Section clocks = io.hearsay.master.analysis.HostClocks.of(runs);
            if (clocks != null)
            {
                for (final io.hearsay.master.analysis.HostClocks.Host h : clocks.hosts())
                {
                    stdout.printf(Locale.ROOT, "  clock of %s: %+.3f ms against the master, +/- %.3f ms%n", h.host(),
                        h.offsetNs() / 1e6, h.uncertaintyNs() / 1e6);
                }
                if (clocks.warning() != null)
                {
                    err.println("warning: " + clocks.warning());
                }
            }
            int printed = 0;
            for (final CollectedRun run : runs)
            {
                final long alive = run.alive();
                for (final EventCurve e : run.events)
                {
                    if (printed++ == MAX_EVENTS_PRINTED)
                    {
                        stdout.println("  ... " + (events - MAX_EVENTS_PRINTED) + " more event(s) in summary.json");
                    }
                    if (printed > MAX_EVENTS_PRINTED)
                    {
                        continue;
                    }
                    final Histogram h = e.latencyNs();
                    stdout.printf(Locale.ROOT, "  %sevent %s: %d of %d knew; t50 %.1f ms, t99 %.1f ms, t100 %.1f ms; " +
                        "rounds50 %d, rounds99 %d, rounds100 %d; latency p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f " +
                        "max %.1f ms; %d duplicate record(s); time zero from %s%n",
                        runs.size() == 1 ? "" : run.folder.dir().getFileName() + " ", e.key().label(), e.informed(),
                        alive, e.timeToFractionMs(0.5, alive), e.timeToFractionMs(0.99, alive),
                        e.timeToFractionMs(1.0, alive), e.roundsToFraction(0.5, alive),
                        e.roundsToFraction(0.99, alive), e.roundsToFraction(1.0, alive),
                        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6,
                        h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6,
                        e.duplicateRecords(), e.zeroSource().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                }
            }
            printTheory(stdout, target.resolve(RunSummary.FILE_NAME));
            if (RunSummary.read(target.resolve(RunSummary.FILE_NAME)).extra.get(CollectedRun.DROPS_BY_REASON)
                instanceof Map<?, ?> drops)
            {
                stdout.println("  drops and refusals by reason (all nodes, from their statistics records): " + drops);
            }
            if (!faults.isEmpty())
            {
                stdout.println("  " + faults.size() + " fault window(s) from " + FaultLogReader.FILE + " / " + SimScenarioReader.FILE +
                    " shaded on " + CurvesWriter.PNG + " (those in the plotted range), listed in summary.json");
            }
            for (final Path p : written)
            {
                stdout.println("  " + p);
            }
            final List<String> damaged = new ArrayList<>();
            for (final CollectedRun run : runs)
            {
                final String prefix = runs.size() == 1 ? "" : run.folder.dir().getFileName() + "/";
                run.corruptFiles.forEach(c -> damaged.add(prefix + c));
            }
            return DamagedLogs.verdict("curves", damaged, acceptDamaged, err);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("curves: " + ex.getMessage());
            return ex.getMessage().startsWith("no events") ? 2 : 1;
        }
    }
}
