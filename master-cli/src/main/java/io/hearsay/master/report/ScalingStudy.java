package io.hearsay.master.report;

import io.hearsay.records.run.RunSummary;
import io.hearsay.master.analysis.CollectedRun;
import io.hearsay.master.analysis.ConfigKey;
import io.hearsay.master.analysis.LogCollector;
import io.hearsay.master.analysis.RunFolder;
import io.hearsay.master.analysis.ScalingFit;
import io.hearsay.master.analysis.Verdict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The data behind {@code ./hearsay report}: every run folder's summary (read from summary.json, or computed from
 * its logs when it has none), grouped by configuration ({@link ConfigKey}: N varies within a group, nothing else),
 * and per group and figure the scaling fits and the verdict.
 */
public final class ScalingStudy
{
    /** A figure of summary.json studied against N. */
    public record Figure(String key, String title, String unit, boolean rounds)
    {
    }

    public static final List<Figure> FIGURES = List.of(
        new Figure("rounds50", "rounds until 50% knew", "rounds", true),
        new Figure("rounds99", "rounds until 99% knew", "rounds", true),
        new Figure("rounds100", "rounds until all knew", "rounds", true),
        new Figure("t50_ms", "time until 50% knew", "ms", false),
        new Figure("t99_ms", "time until 99% knew", "ms", false),
        new Figure("t100_ms", "time until all knew", "ms", false),
        new Figure("messages_per_node", "messages sent per node", "messages", false),
        new Figure("transmissions_per_node", "rumor transmissions per node", "transmissions", false),
        new Figure("max_received_per_round", "peak in-degree (most messages one node received in one round)",
            "messages per round", false));

    /** One run folder read. */
    public record Run(Path folder, RunSummary summary)
    {
    }

    /** Runs of one configuration. */
    public static final class Group
    {
        public final ConfigKey key;
        public final List<Run> runs = new ArrayList<>();
        public final Map<String, ScalingFit> fits = new LinkedHashMap<>();
        public final Map<String, String> verdicts = new LinkedHashMap<>();
        public String peakInDegreeVerdict = "";
        public String headline = "";

        Group(final ConfigKey key)
        {
            this.key = key;
        }

        /** (N, value) of every event of every run for a figure. */
        public double[][] samples(final String figure)
        {
            final List<double[]> list = new ArrayList<>();
            for (final Run run : runs)
            {
                for (final RunSummary.EventSummary e : run.summary().allEvents())
                {
                    final double n = run.summary().nodes > 0 ? run.summary().nodes : e.alive;
                    list.add(new double[] {n, e.figure(figure)});
                }
            }
            final double[][] out = new double[2][list.size()];
            for (int i = 0; i < list.size(); i++)
            {
                out[0][i] = list.get(i)[0];
                out[1][i] = list.get(i)[1];
            }
            return out;
        }

        public TreeSet<Long> sizes()
        {
            final TreeSet<Long> sizes = new TreeSet<>();
            runs.forEach(r -> sizes.add(r.summary().nodes));
            return sizes;
        }

        public int events()
        {
            int n = 0;
            for (final Run r : runs)
            {
                n += r.summary().allEvents().size();
            }
            return n;
        }
    }

    public final List<Path> inputs = new ArrayList<>();
    public final List<Group> groups = new ArrayList<>();
    /** folders that were found but could not be used, with the reason */
    public final List<String> skipped = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    /** damaged log files of the runs used, "FOLDER: FILE: read N of M records, lost K at offset X" */
    public final List<String> damaged = new ArrayList<>();
    public int bootstrap;
    public long seed;
    public int runCount;

    /** Finds, reads and groups the runs under {@code dirs}, then fits every figure of every group. */
    public static ScalingStudy of(final List<Path> dirs, final int bootstrap, final long seed,
        final Consumer<String> warningSink) throws IOException
    {
        final ScalingStudy study = new ScalingStudy();
        study.bootstrap = bootstrap;
        study.seed = seed;
        study.inputs.addAll(dirs);
        final TreeMap<ConfigKey, Group> byKey = new TreeMap<>();
        final Map<String, Path> seen = new LinkedHashMap<>();
        for (final Path dir : dirs)
        {
            final List<Path> folders = RunFolder.find(dir);
            if (folders.isEmpty())
            {
                study.skipped.add(dir + ": no run folder (summary.json, logs/ or config.properties) at or below it");
            }
            for (final Path f : folders)
            {
                final RunSummary summary = read(f, study, warningSink);
                if (summary == null)
                {
                    continue;
                }
                final String identity = summary.runId + "|" + summary.seed + "|" + summary.nodes + "|" +
                    ConfigKey.of(summary);
                final Path earlier = seen.putIfAbsent(identity, f);
                if (earlier != null)
                {
                    study.skipped.add(f + ": same run (run_id " + summary.runId + ", seed " + summary.seed +
                        ") as " + earlier + ", e.g. a curves output folder; counted once");
                    continue;
                }
                study.runCount++;
                byKey.computeIfAbsent(ConfigKey.of(summary), Group::new).runs.add(new Run(f, summary));
            }
        }
        study.groups.addAll(byKey.values());
        int g = 0;
        for (final Group group : study.groups)
        {
            fit(group, bootstrap, seed + 7919L * g++);
        }
        return study;
    }

    private static RunSummary read(final Path folder, final ScalingStudy study, final Consumer<String> warningSink)
    {
        final RunFolder run = new RunFolder(folder);
        try
        {
            RunSummary summary = run.hasSummary() ? RunSummary.read(run.summaryFile()) : null;
            if ((summary == null || summary.allEvents().isEmpty()) && run.hasLogs())
            {
                final CollectedRun collected = new LogCollector(w ->
                {
                    study.warnings.add(folder + ": " + w);
                    warningSink.accept(folder + ": " + w);
                }).collect(run);
                summary = collected.toSummary();
            }
            if (summary == null)
            {
                study.skipped.add(folder + ": neither summary.json nor logs/");
                return null;
            }
            if (summary.allEvents().isEmpty())
            {
                study.skipped.add(folder + ": no events in its summary.json or logs");
                return null;
            }
            if (summary.nodes <= 0)
            {
                study.skipped.add(folder + ": the number of nodes is unknown (nodes missing in summary.json)");
                return null;
            }
            if (!summary.corruptFiles.isEmpty() || !summary.missingNodes.isEmpty())
            {
                final String w = folder + ": used although " + summary.missingNodes.size() + " missing node(s) and " +
                    summary.corruptFiles.size() + " corrupt file(s) are recorded";
                study.warnings.add(w);
                warningSink.accept(w);
                summary.corruptFiles.forEach(c -> study.damaged.add(folder + ": " + c));
            }
            return summary;
        }
        catch (final IOException | RuntimeException ex)
        {
            study.skipped.add(folder + ": " + ex.getMessage());
            warningSink.accept(folder + ": skipped, " + ex.getMessage());
            return null;
        }
    }

    private static void fit(final Group group, final int bootstrap, final long seed)
    {
        int i = 0;
        for (final Figure figure : FIGURES)
        {
            final double[][] s = group.samples(figure.key());
            if (figure.key().equals("max_received_per_round"))
            {
                group.peakInDegreeVerdict = Verdict.powerLaw(s[0], s[1], "peak in-degree");
                continue;
            }
            if (java.util.Arrays.stream(s[1]).noneMatch(Double::isFinite))
            {
                continue; // a figure no run of this group measured (e.g. rumor transmissions of a real run)
            }
            final ScalingFit fit = ScalingFit.fit(figure.key(), s[0], s[1], bootstrap, seed + i++);
            group.fits.put(figure.key(), fit);
            if (fit.samples > 0)
            {
                group.verdicts.put(figure.key(), Verdict.describe(fit, figure.title()));
            }
        }
        final ScalingFit main = group.fits.get("rounds99");
        final Verdict.Growth growth = main.samples > 0 ? Verdict.classify(main) : Verdict.Growth.TOO_FEW_SIZES;
        group.headline = headline(group.key, growth, main);
    }

    static String headline(final ConfigKey key, final Verdict.Growth growth, final ScalingFit main)
    {
        final String who = key.strategy().isEmpty() ? "this configuration" : key.strategy();
        switch (growth)
        {
            case LOG_N:
                return who + ": rounds to reach 99% grow like log N (log log N is ruled out by the fits).";
            case LEANS_LOG_N:
                return who + ": rounds to reach 99% lean towards log N growth; more sizes or runs would settle it.";
            case LOG_LOG_N:
                return who + ": rounds to reach 99% grow like log log N.";
            case LEANS_LOG_LOG_N:
                return who + ": rounds to reach 99% lean towards log log N growth; more sizes or runs would settle it.";
            case FLAT:
                return who + ": rounds to reach 99% do not grow measurably with N over the sizes measured.";
            case UNDECIDED:
                return who + ": the measurements cannot tell log N from log log N growth of the rounds.";
            default:
                return who + ": too few cluster sizes (" + main.sizes() + ") for a verdict on growth.";
        }
    }

    /** How the runs were grouped, in words. */
    public String groupingStatement()
    {
        return "Runs were grouped by configuration: " + String.join(", ", ConfigKey.FIELDS) +
            ". Within a group only N (nodes) and the seed vary; events of runs with the same N are pooled as " +
            "repeated samples. Runs that differ in any of those fields are never averaged together. " +
            runCount + " run folder(s) formed " + groups.size() + " group(s).";
    }
}
