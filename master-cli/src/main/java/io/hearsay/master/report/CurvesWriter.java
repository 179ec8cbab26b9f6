package io.hearsay.master.report;

import io.hearsay.records.run.RunSummary;
import io.hearsay.master.analysis.CollectedRun;
import io.hearsay.master.analysis.ConfigKey;
import io.hearsay.master.analysis.CurveSampler;
import io.hearsay.master.analysis.EventCurve;
import io.hearsay.master.analysis.EventKey;
import io.hearsay.master.analysis.FaultWindow;
import io.hearsay.master.analysis.HostClocks;
import io.hearsay.master.analysis.SpreadTheory;
import io.hearsay.master.plot.Charts;
import io.hearsay.master.plot.CurvePlots;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what {@code ./hearsay curves} produces for one run or for repeated runs of one configuration:
 * {@code curve.csv}, {@code curve.png}, {@code curve.svg}, {@code curve-rounds.png}, {@code latency.hgrm},
 * {@code latency.png} and {@code summary.json}. A single run's fault windows are shaded on the time plots, on the
 * axis of its earliest event (ms since that event's creation), and listed under {@code fault_windows} in summary.json.
 */
public final class CurvesWriter
{
    public static final String CSV = "curve.csv";
    public static final String PNG = "curve.png";
    public static final String SVG = "curve.svg";
    public static final String ROUNDS_PNG = "curve-rounds.png";
    public static final String HGRM = "latency.hgrm";
    public static final String LATENCY_PNG = "latency.png";
    public static final String FAULT_WINDOWS = "fault_windows";
    public static final String FAULT_WINDOWS_EVENT = "fault_windows_event";
    /** summary.json: each host's clock offset against the master and its uncertainty (multi-host runs) */
    public static final String CLOCK_OFFSETS = "clock_offsets";
    /** summary.json: set when the clock uncertainty is a noticeable fraction of the propagation time */
    public static final String CLOCK_WARNING = "clock_warning";
    /** summary.json: the model drawn over the curves and its figures */
    public static final String THEORY = "theory";

    private CurvesWriter()
    {
    }

    /**
     * @param runs one run, or repeated runs of one configuration and size (checked)
     * @return the files written
     * @throws IllegalArgumentException when the runs differ in configuration or N, or hold no events
     */
    public static List<Path> write(final List<CollectedRun> runs, final Path out) throws IOException
    {
        return write(runs, List.of(), out);
    }

    /**
     * @param runs   one run, or repeated runs of one configuration and size (checked)
     * @param faults the fault windows of a single run on the wall clock (ms), drawn only when there is one run
     * @return the files written
     * @throws IllegalArgumentException when the runs differ in configuration or N, or hold no events
     */
    public static List<Path> write(final List<CollectedRun> runs, final List<FaultWindow> faults, final Path out)
        throws IOException
    {
        if (runs.isEmpty())
        {
            throw new IllegalArgumentException("no run folders to draw");
        }
        checkSameConfiguration(runs);
        final List<EventCurve> all = new ArrayList<>();
        int maxRound = 0;
        long nodes = 0;
        for (final CollectedRun run : runs)
        {
            all.addAll(run.events);
            nodes = Math.max(nodes, run.alive());
            for (final EventCurve e : run.events)
            {
                maxRound = Math.max(maxRound, e.maxRound());
            }
        }
        if (all.isEmpty())
        {
            throw new IllegalArgumentException("no events to draw: the event logs of " +
                (runs.size() == 1 ? runs.get(0).folder : runs.size() + " run folders") +
                " hold no EventLearned record");
        }
        Files.createDirectories(out);
        final List<Path> written = new ArrayList<>();
        final RunSummary config = runs.get(0).configuration;

        written.add(writeCsv(runs, out.resolve(CSV)));

        final List<CurvePlots.Line> timeLines = new ArrayList<>();
        final List<CurvePlots.Line> roundLines = new ArrayList<>();
        CurvePlots.Band timeBand = null;
        CurvePlots.Band roundBand = null;
        if (runs.size() == 1 && all.size() <= CurvePlots.MAX_LINES)
        {
            for (final EventCurve e : all)
            {
                final String name = "event " + e.key().label() + " (" + e.informed() + " of " + nodes + " knew)";
                final double[][] t = CurveSampler.time(e);
                timeLines.add(new CurvePlots.Line(name, t[0], t[1], true));
                final double[][] r = CurveSampler.rounds(e, maxRound);
                roundLines.add(new CurvePlots.Line(name, r[0], r[1], true));
            }
        }
        else
        {
            final String over = runs.size() > 1 ? runs.size() + " runs (" + all.size() + " events)" :
                all.size() + " events";
            final double[][] t = CurveSampler.timeBand(all, 400);
            timeBand = new CurvePlots.Band("mean over " + over, t[0], t[1], t[2], t[3]);
            final double[][] r = CurveSampler.roundBand(all, maxRound);
            roundBand = new CurvePlots.Band("mean over " + over, r[0], r[1], r[2], r[3]);
        }
        final SpreadTheory theory = SpreadTheory.of(runs, nodes);
        final XYChart time = CurvePlots.time(config, nodes, timeLines, timeBand, maxRound, theory);
        EventCurve first = null;
        List<FaultWindow> shaded = List.of();
        if (runs.size() == 1 && !faults.isEmpty())
        {
            for (final EventCurve e : all)
            {
                first = first == null || e.zeroNs() < first.zeroNs() ? e : first;
            }
            shaded = FaultWindow.onAxis(faults, first.zeroNs() / 1e6, CurvePlots.rightEdge(time));
            CurvePlots.shade(time, shaded, nodes);
        }
        Charts.savePng(time, out.resolve(PNG));
        written.add(out.resolve(PNG));
        Charts.saveSvg(time, out.resolve(SVG));
        written.add(out.resolve(SVG));
        final XYChart rounds = CurvePlots.rounds(config, nodes, roundLines, roundBand, maxRound, theory);
        Charts.savePng(rounds, out.resolve(ROUNDS_PNG));
        written.add(out.resolve(ROUNDS_PNG));

        final Histogram latency = new Histogram(3);
        latency.setAutoResize(true);
        for (final EventCurve e : all)
        {
            latency.add(e.latencyNs());
        }
        try (PrintStream hgrm = new PrintStream(Files.newOutputStream(out.resolve(HGRM)), false, StandardCharsets.UTF_8))
        {
            latency.outputPercentileDistribution(hgrm, 1e6);
        }
        written.add(out.resolve(HGRM));
        Charts.savePng(CurvePlots.latency(config, nodes, latency), out.resolve(LATENCY_PNG));
        written.add(out.resolve(LATENCY_PNG));

        final Path summaryFile = out.resolve(RunSummary.FILE_NAME);
        final RunSummary summary = summary(runs);
        summary.extra.put(THEORY, theory.toJson(config, nodes));
        if (first != null)
        {
            final List<Object> list = new ArrayList<>();
            shaded.forEach(w -> list.add(w.toJson()));
            summary.extra.put(FAULT_WINDOWS, list);
            summary.extra.put(FAULT_WINDOWS_EVENT, first.key().label());
        }
        final HostClocks.Section clocks = HostClocks.of(runs);
        if (clocks != null)
        {
            summary.extra.put(CLOCK_OFFSETS, HostClocks.toJson(clocks.hosts()));
            if (clocks.warning() != null)
            {
                summary.extra.put(CLOCK_WARNING, clocks.warning());
            }
        }
        summary.write(summaryFile);
        written.add(summaryFile);
        return written;
    }

    /** One run: its summary; repeated runs: the first one's configuration, every run under runs, and stats. */
    static RunSummary summary(final List<CollectedRun> runs)
    {
        if (runs.size() == 1)
        {
            return runs.get(0).toSummary();
        }
        final RunSummary s = runs.get(0).toSummary();
        s.events.clear();
        s.runs.clear();
        s.missingNodes.clear();
        s.corruptFiles.clear();
        s.lostRecords = 0;
        s.runId = runs.get(0).folder.dir().getParent() == null ? s.runId :
            String.valueOf(runs.get(0).folder.dir().getParent().getFileName());
        for (final CollectedRun run : runs)
        {
            final RunSummary one = run.toSummary();
            final RunSummary.Run r = new RunSummary.Run();
            r.seed = one.seed;
            r.events.addAll(one.events);
            s.runs.add(r);
            final String prefix = run.folder.dir().getFileName() + "/";
            one.missingNodes.forEach(m -> s.missingNodes.add(prefix + m));
            one.corruptFiles.forEach(c -> s.corruptFiles.add(prefix + c));
            s.lostRecords += one.lostRecords;
        }
        return s.computeStats();
    }

    static void checkSameConfiguration(final List<CollectedRun> runs)
    {
        final CollectedRun first = runs.get(0);
        final ConfigKey key = ConfigKey.of(first.configuration);
        for (final CollectedRun run : runs)
        {
            final List<String> diff = ConfigKey.of(run.configuration).differences(key);
            if (run.configuration.nodes != first.configuration.nodes)
            {
                diff.add("nodes " + run.configuration.nodes + " vs " + first.configuration.nodes);
            }
            if (!diff.isEmpty())
            {
                throw new IllegalArgumentException("runs of different configurations are not averaged together: " +
                    run.folder + " differs from " + first.folder + " in " + String.join(", ", diff) +
                    "; draw them one by one, or compare them with ./hearsay report");
            }
        }
    }

    static Path writeCsv(final List<CollectedRun> runs, final Path file) throws IOException
    {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            w.write("time_ms,round,count,event,node,hops,channel,run\n");
            final StringBuilder sb = new StringBuilder(128);
            for (final CollectedRun run : runs)
            {
                final String runName = runs.size() == 1 ? "" : String.valueOf(run.folder.dir().getFileName());
                for (final EventCurve e : run.events)
                {
                    final String event = e.key().label();
                    for (int i = 0; i < e.informed(); i++)
                    {
                        sb.setLength(0);
                        final long ns = e.offsetNs(i);
                        sb.append(ns / 1_000_000).append('.');
                        final long frac = Math.abs(ns % 1_000_000);
                        final String f = Long.toString(frac);
                        sb.append("000000", 0, 6 - f.length()).append(f);
                        if (ns < 0 && ns > -1_000_000)
                        {
                            sb.insert(0, '-');
                        }
                        sb.append(',').append(e.round(i)).append(',').append(i + 1).append(',').append(event)
                            .append(',').append(EventKey.NodeNames.format(e.node(i))).append(',').append(e.hops(i))
                            .append(',').append(e.channel(i).name().toLowerCase()).append(',').append(runName)
                            .append('\n');
                        w.append(sb);
                    }
                }
            }
        }
        return file;
    }
}
