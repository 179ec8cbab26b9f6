package io.hearsay.records.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder's {@code summary.json}: what ran (source, size, strategy, timing, loss, seed), and per event how far
 * and how fast it spread. Written by {@code local}, {@code sim}, the Docker lab and {@code curves}; read by
 * {@code report}. Field names in JSON are snake_case, exactly as below.
 * <p>
 * Missing figures: a time that was never reached (the event did not reach 99 % of the nodes, say) is {@code NaN}
 * here and {@code null} in JSON; a round never reached is {@code -1} here and {@code null} in JSON. Unknown
 * top-level fields read from a file are kept in {@link #extra} and written back after the known ones.
 * Several runs of one configuration (sim {@code --runs R}) go in {@link #runs}, with {@link #computeStats()}
 * filling {@link #stats} (mean, sd and a Student-t 95 % interval of every figure over all runs' events).
 */
public final class RunSummary
{
    public static final String FILE_NAME = "summary.json";

    /** The per-event figures that {@link #computeStats()} summarises, by their JSON names. */
    public static final List<String> FIGURES = List.of(
        "t50_ms", "t99_ms", "t100_ms", "rounds50", "rounds99", "rounds100", "messages_per_node",
        "transmissions_per_node", "max_received_per_round", "informed");

    /** local, sim or docker */
    public String source = "";
    public String runId = "";
    public long nodes;
    public long processes;
    /** a {@code StrategyKind} CLI name: push, pull, push-pull, median-counter (or another strategy's name) */
    public String strategy = "";
    /** periodic or eager */
    public String timing = "";
    public int fanout;
    public double gossipPeriodMs;
    /** configured packet loss probability, 0..1 */
    public double loss;
    public long seed;
    /** simulator fidelity (e.g. full, dissemination); empty for real runs */
    public String fidelity = "";
    public final List<EventSummary> events = new ArrayList<>();
    /** nodes (names or addresses) whose logs were expected but absent */
    public final List<String> missingNodes = new ArrayList<>();
    /** files or queues that could not be read, each with the reason */
    public final List<String> corruptFiles = new ArrayList<>();
    /** event-log records lost to damaged files (written as {@code lost_records} only when not zero) */
    public long lostRecords;
    /** repeated runs of this configuration; empty for a single run */
    public final List<Run> runs = new ArrayList<>();
    /** figure name (see {@link #FIGURES}) to its statistics over {@link #runs} */
    public final Map<String, Stats> stats = new LinkedHashMap<>();
    /** top-level fields this class does not know, kept as parsed */
    public final Map<String, Object> extra = new LinkedHashMap<>();

    /** How one event spread. */
    public static final class EventSummary
    {
        /** the origin node's address (in the simulator its index) */
        public long origin;
        public long sequence;
        /** nodes that learned it */
        public long informed;
        /** nodes alive at the end (the denominator of the percentages) */
        public long alive;
        /** time from creation until 50 %, 99 %, 100 % of the alive nodes knew; NaN when never reached */
        public double t50Ms = Double.NaN;
        public double t99Ms = Double.NaN;
        public double t100Ms = Double.NaN;
        /** rounds until 50 %, 99 %, 100 % knew; -1 when never reached */
        public int rounds50 = -1;
        public int rounds99 = -1;
        public int rounds100 = -1;
        /** messages sent per node during the run (NaN when unknown) */
        public double messagesPerNode = Double.NaN;
        /** messages per node that carried the rumor (Karp et al.'s transmissions; NaN when not measured) */
        public double transmissionsPerNode = Double.NaN;
        /** the largest number of messages one node received in one gossip round (peak in-degree); -1 unknown */
        public long maxReceivedPerRound = -1;

        /** The figure named as in JSON (see {@link #FIGURES}), NaN when missing. */
        public double figure(final String name)
        {
            switch (name)
            {
                case "t50_ms":
                    return t50Ms;
                case "t99_ms":
                    return t99Ms;
                case "t100_ms":
                    return t100Ms;
                case "rounds50":
                    return rounds50 < 0 ? Double.NaN : rounds50;
                case "rounds99":
                    return rounds99 < 0 ? Double.NaN : rounds99;
                case "rounds100":
                    return rounds100 < 0 ? Double.NaN : rounds100;
                case "messages_per_node":
                    return messagesPerNode;
                case "transmissions_per_node":
                    return transmissionsPerNode;
                case "max_received_per_round":
                    return maxReceivedPerRound < 0 ? Double.NaN : maxReceivedPerRound;
                case "informed":
                    return informed;
                case "alive":
                    return alive;
                default:
                    throw new IllegalArgumentException("unknown figure '" + name + "'; accepted: " + FIGURES +
                        ", alive");
            }
        }

        public Map<String, Object> toJson()
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("origin", origin);
            m.put("sequence", sequence);
            m.put("informed", informed);
            m.put("alive", alive);
            m.put("t50_ms", t50Ms);
            m.put("t99_ms", t99Ms);
            m.put("t100_ms", t100Ms);
            m.put("rounds50", roundOrNull(rounds50));
            m.put("rounds99", roundOrNull(rounds99));
            m.put("rounds100", roundOrNull(rounds100));
            m.put("messages_per_node", messagesPerNode);
            if (!Double.isNaN(transmissionsPerNode))
            {
                m.put("transmissions_per_node", transmissionsPerNode);
            }
            m.put("max_received_per_round", maxReceivedPerRound < 0 ? null : maxReceivedPerRound);
            return m;
        }

        public static EventSummary fromJson(final Object json, final String where)
        {
            final Map<String, Object> m = Json.asObject(json, where);
            final EventSummary e = new EventSummary();
            e.origin = longOf(m, "origin", 0, where);
            e.sequence = longOf(m, "sequence", 0, where);
            e.informed = longOf(m, "informed", 0, where);
            e.alive = longOf(m, "alive", 0, where);
            e.t50Ms = doubleOf(m, "t50_ms", Double.NaN, where);
            e.t99Ms = doubleOf(m, "t99_ms", Double.NaN, where);
            e.t100Ms = doubleOf(m, "t100_ms", Double.NaN, where);
            e.rounds50 = (int)longOf(m, "rounds50", -1, where);
            e.rounds99 = (int)longOf(m, "rounds99", -1, where);
            e.rounds100 = (int)longOf(m, "rounds100", -1, where);
            e.messagesPerNode = doubleOf(m, "messages_per_node", Double.NaN, where);
            e.transmissionsPerNode = doubleOf(m, "transmissions_per_node", Double.NaN, where);
            e.maxReceivedPerRound = longOf(m, "max_received_per_round", -1, where);
            return e;
        }

        private static Object roundOrNull(final int rounds)
        {
            return rounds < 0 ? null : rounds;
        }
    }

    /** One of several repeated runs of the same configuration. */
    public static final class Run
    {
        public long seed;
        public final List<EventSummary> events = new ArrayList<>();

        public Map<String, Object> toJson()
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", seed);
            m.put("events", eventsJson(events));
            return m;
        }

        public static Run fromJson(final Object json, final String where)
        {
            final Map<String, Object> m = Json.asObject(json, where);
            final Run run = new Run();
            run.seed = longOf(m, "seed", 0, where);
            readEvents(m.get("events"), run.events, where + ".events");
            return run;
        }
    }

    /** Mean, sample standard deviation and a 95 % confidence interval of the mean (Student t). */
    public static final class Stats
    {
        public double mean = Double.NaN;
        public double sd = Double.NaN;
        public double ci95Low = Double.NaN;
        public double ci95High = Double.NaN;
        /** number of samples (not written to JSON) */
        public int n;

        /** Statistics of the values, NaNs ignored. One value: mean only; none: all NaN. */
        public static Stats of(final double... values)
        {
            final Stats s = new Stats();
            double sum = 0;
            int n = 0;
            for (final double v : values)
            {
                if (!Double.isNaN(v))
                {
                    sum += v;
                    n++;
                }
            }
            s.n = n;
            if (n == 0)
            {
                return s;
            }
            s.mean = sum / n;
            if (n == 1)
            {
                return s;
            }
            double squares = 0;
            for (final double v : values)
            {
                if (!Double.isNaN(v))
                {
                    squares += (v - s.mean) * (v - s.mean);
                }
            }
            s.sd = Math.sqrt(squares / (n - 1));
            final double half = StudentT.critical(0.95, n - 1) * s.sd / Math.sqrt(n);
            s.ci95Low = s.mean - half;
            s.ci95High = s.mean + half;
            return s;
        }

        /** Half the width of the 95 % interval (NaN when undefined). */
        public double halfWidth()
        {
            return (ci95High - ci95Low) / 2.0;
        }

        public Map<String, Object> toJson()
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", mean);
            m.put("sd", sd);
            m.put("ci95_low", ci95Low);
            m.put("ci95_high", ci95High);
            return m;
        }

        public static Stats fromJson(final Object json, final String where)
        {
            final Map<String, Object> m = Json.asObject(json, where);
            final Stats s = new Stats();
            s.mean = doubleOf(m, "mean", Double.NaN, where);
            s.sd = doubleOf(m, "sd", Double.NaN, where);
            s.ci95Low = doubleOf(m, "ci95_low", Double.NaN, where);
            s.ci95High = doubleOf(m, "ci95_high", Double.NaN, where);
            return s;
        }

        @Override
        public String toString()
        {
            return "mean=" + mean + " sd=" + sd + " ci95=[" + ci95Low + ", " + ci95High + "]";
        }
    }

    /** Every event of every run (or of this single run when {@link #runs} is empty). */
    public List<EventSummary> allEvents()
    {
        if (runs.isEmpty())
        {
            return events;
        }
        final List<EventSummary> all = new ArrayList<>();
        for (final Run run : runs)
        {
            all.addAll(run.events);
        }
        return all;
    }

    /** Fills {@link #stats} with every figure of {@link #FIGURES} over {@link #allEvents()}. */
    public RunSummary computeStats()
    {
        stats.clear();
        final List<EventSummary> all = allEvents();
        for (final String figure : FIGURES)
        {
            final double[] values = new double[all.size()];
            for (int i = 0; i < values.length; i++)
            {
                values[i] = all.get(i).figure(figure);
            }
            stats.put(figure, Stats.of(values));
        }
        return this;
    }

    public Map<String, Object> toJson()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("run_id", runId);
        m.put("nodes", nodes);
        m.put("processes", processes);
        m.put("strategy", strategy);
        m.put("timing", timing);
        m.put("fanout", fanout);
        m.put("gossip_period_ms", gossipPeriodMs);
        m.put("loss", loss);
        m.put("seed", seed);
        m.put("fidelity", fidelity);
        m.put("events", eventsJson(events));
        m.put("missing_nodes", new ArrayList<>(missingNodes));
        m.put("corrupt_files", new ArrayList<>(corruptFiles));
        if (lostRecords > 0)
        {
            m.put("lost_records", lostRecords);
        }
        if (!runs.isEmpty())
        {
            final List<Object> list = new ArrayList<>();
            for (final Run run : runs)
            {
                list.add(run.toJson());
            }
            m.put("runs", list);
        }
        if (!stats.isEmpty())
        {
            final Map<String, Object> s = new LinkedHashMap<>();
            for (final Map.Entry<String, Stats> e : stats.entrySet())
            {
                s.put(e.getKey(), e.getValue().toJson());
            }
            m.put("stats", s);
        }
        for (final Map.Entry<String, Object> e : extra.entrySet())
        {
            m.putIfAbsent(e.getKey(), e.getValue());
        }
        return m;
    }

    private static final List<String> KNOWN = List.of(
        "source", "run_id", "nodes", "processes", "strategy", "timing", "fanout", "gossip_period_ms", "loss", "seed",
        "fidelity", "events", "missing_nodes", "corrupt_files", "lost_records", "runs", "stats");

    public static RunSummary fromJson(final Object json, final String where)
    {
        final Map<String, Object> m = Json.asObject(json, where);
        final RunSummary s = new RunSummary();
        s.source = stringOf(m, "source", where);
        s.runId = stringOf(m, "run_id", where);
        s.nodes = longOf(m, "nodes", 0, where);
        s.processes = longOf(m, "processes", 0, where);
        s.strategy = stringOf(m, "strategy", where);
        s.timing = stringOf(m, "timing", where);
        s.fanout = (int)longOf(m, "fanout", 0, where);
        s.gossipPeriodMs = doubleOf(m, "gossip_period_ms", 0, where);
        s.loss = doubleOf(m, "loss", 0, where);
        s.seed = longOf(m, "seed", 0, where);
        s.fidelity = stringOf(m, "fidelity", where);
        readEvents(m.get("events"), s.events, where + ".events");
        readStrings(m.get("missing_nodes"), s.missingNodes, where + ".missing_nodes");
        readStrings(m.get("corrupt_files"), s.corruptFiles, where + ".corrupt_files");
        s.lostRecords = longOf(m, "lost_records", 0, where);
        if (m.get("runs") != null)
        {
            final List<Object> list = Json.asArray(m.get("runs"), where + ".runs");
            for (int i = 0; i < list.size(); i++)
            {
                s.runs.add(Run.fromJson(list.get(i), where + ".runs[" + i + "]"));
            }
        }
        if (m.get("stats") != null)
        {
            for (final Map.Entry<String, Object> e : Json.asObject(m.get("stats"), where + ".stats").entrySet())
            {
                s.stats.put(e.getKey(), Stats.fromJson(e.getValue(), where + ".stats." + e.getKey()));
            }
        }
        for (final Map.Entry<String, Object> e : m.entrySet())
        {
            if (!KNOWN.contains(e.getKey()))
            {
                s.extra.put(e.getKey(), e.getValue());
            }
        }
        return s;
    }

    /** Writes this summary as pretty JSON to {@code file}. */
    public void write(final Path file) throws IOException
    {
        Json.writeFile(file, toJson());
    }

    /** Reads {@code file}; errors name the file and the field or position. */
    public static RunSummary read(final Path file) throws IOException
    {
        return fromJson(Json.readFile(file), file.toString());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<Object> eventsJson(final List<EventSummary> events)
    {
        final List<Object> list = new ArrayList<>();
        for (final EventSummary e : events)
        {
            list.add(e.toJson());
        }
        return list;
    }

    private static void readEvents(final Object json, final List<EventSummary> into, final String where)
    {
        if (json == null)
        {
            return;
        }
        final List<Object> list = Json.asArray(json, where);
        for (int i = 0; i < list.size(); i++)
        {
            into.add(EventSummary.fromJson(list.get(i), where + "[" + i + "]"));
        }
    }

    /** An array of names; tolerated too: a count (0 adds nothing, n adds one entry saying n) or a single string. */
    private static void readStrings(final Object json, final List<String> into, final String where)
    {
        if (json == null)
        {
            return;
        }
        if (json instanceof Number)
        {
            final long count = ((Number)json).longValue();
            if (count > 0)
            {
                into.add(count + " (a count; no names recorded)");
            }
            return;
        }
        if (json instanceof String)
        {
            into.add((String)json);
            return;
        }
        for (final Object o : Json.asArray(json, where))
        {
            into.add(String.valueOf(o));
        }
    }

    static String stringOf(final Map<String, Object> m, final String key, final String where)
    {
        final Object v = m.get(key);
        if (v == null)
        {
            return "";
        }
        if (v instanceof String)
        {
            return (String)v;
        }
        if (v instanceof Number || v instanceof Boolean)
        {
            return String.valueOf(v);
        }
        throw new IllegalArgumentException(where + "." + key + ": expected a string, found " + Json.describe(v));
    }

    static long longOf(final Map<String, Object> m, final String key, final long absent, final String where)
    {
        final Object v = m.get(key);
        if (v == null)
        {
            return absent;
        }
        if (v instanceof Long)
        {
            return (Long)v;
        }
        if (v instanceof Double && ((Double)v) == Math.rint((Double)v))
        {
            return ((Double)v).longValue();
        }
        throw new IllegalArgumentException(where + "." + key + ": expected an integer, found " + Json.describe(v));
    }

    static double doubleOf(final Map<String, Object> m, final String key, final double absent, final String where)
    {
        final Object v = m.get(key);
        if (v == null)
        {
            return absent;
        }
        if (v instanceof Number)
        {
            return ((Number)v).doubleValue();
        }
        throw new IllegalArgumentException(where + "." + key + ": expected a number, found " + Json.describe(v));
    }
}
