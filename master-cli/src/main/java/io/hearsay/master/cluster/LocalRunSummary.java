package io.hearsay.master.cluster;

import io.hearsay.daemon.core.Channel;
import io.hearsay.daemon.log.EventLogReader;
import io.hearsay.daemon.log.LogRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Computes a local run's {@code summary.json} from the event logs under {@code logs/}: per event, how many nodes
 * learned it and when (ms after the origin's own record) and in which round, quantiles over the live nodes.
 */
final class LocalRunSummary
{
    /** per event: first learning of each node */
    static final class EventCurve
    {
        final long origin;
        final long sequence;
        long originWallNs = Long.MIN_VALUE;
        final Map<Long, long[]> learned = new HashMap<>(); // node -> {wallNs, round}

        EventCurve(final long origin, final long sequence)
        {
            this.origin = origin;
            this.sequence = sequence;
        }
    }

    final Map<String, EventCurve> events = new LinkedHashMap<>();
    final Map<Long, long[]> finalStats = new HashMap<>(); // node -> {sent, received, maxPerRound}
    final Set<Long> nodesSeen = new HashSet<>();
    int corruptFiles;
    long skippedRecords;
    final List<String> problems = new ArrayList<>();

    static LocalRunSummary read(final Path logsDir) throws IOException
    {
        final LocalRunSummary summary = new LocalRunSummary();
        final List<Path> queues = new ArrayList<>();
        try (Stream<Path> list = Files.list(logsDir))
        {
            list.filter(Files::isDirectory).sorted().forEach(queues::add);
        }
        for (final Path queue : queues)
        {
            try
            {
                final EventLogReader.Stats stats = EventLogReader.read(queue, summary::onRecord);
                summary.skippedRecords += stats.skipped;
            }
            catch (final RuntimeException ex)
            {
                summary.corruptFiles++;
                summary.problems.add(ex.getMessage());
            }
        }
        return summary;
    }

    private void onRecord(final LogRecord r)
    {
        nodesSeen.add(r.node);
        switch (r.type)
        {
            case LogRecord.EVENT_LEARNED:
                final EventCurve curve = events.computeIfAbsent(r.origin + "/" + r.sequence,
                    k -> new EventCurve(r.origin, r.sequence));
                if (r.channel == Channel.ORIGIN)
                {
                    curve.originWallNs = r.wallNs;
                }
                curve.learned.putIfAbsent(r.node, new long[]{ r.wallNs, r.round });
                break;
            case LogRecord.NODE_STATS:
                final long[] prev = finalStats.get(r.node);
                final long max = Math.max(prev == null ? 0 : prev[2], r.maxReceivedPerRound);
                finalStats.put(r.node, new long[]{ r.messagesSent, r.messagesReceived, max });
                break;
            default:
                break;
        }
    }

    /** Writes summary.json; {@code settings} are the run's top-level fields in order (values already JSON). */
    String toJson(final Map<String, String> settings, final int nodes)
    {
        final StringBuilder sb = new StringBuilder("{\n");
        for (final Map.Entry<String, String> e : settings.entrySet())
        {
            sb.append("  \"").append(e.getKey()).append("\": ").append(e.getValue()).append(",\n");
        }
        long sent = 0;
        long maxPerRound = 0;
        for (final long[] s : finalStats.values())
        {
            sent += s[0];
            maxPerRound = Math.max(maxPerRound, s[2]);
        }
        final int eventCount = Math.max(1, events.size());
        sb.append("  \"events\": [");
        boolean first = true;
        for (final EventCurve curve : events.values())
        {
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append(eventJson(curve, nodes, (double)sent / nodes / eventCount, maxPerRound));
        }
        sb.append(events.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"missing_nodes\": ").append(Math.max(0, nodes - nodesSeen.size())).append(",\n");
        sb.append("  \"corrupt_files\": ").append(corruptFiles).append(",\n");
        sb.append("  \"skipped_records\": ").append(skippedRecords).append("\n}\n");
        return sb.toString();
    }

    private static String eventJson(final EventCurve curve, final int alive, final double messagesPerNode, final long maxPerRound)
    {
        final long t0 = curve.originWallNs != Long.MIN_VALUE ? curve.originWallNs :
            curve.learned.values().stream().mapToLong(v -> v[0]).min().orElse(0);
        final double[] times = curve.learned.values().stream().mapToDouble(v -> Math.max(0, v[0] - t0) / 1e6).sorted().toArray();
        final long[] rounds = curve.learned.values().stream().mapToLong(v -> v[1]).sorted().toArray();
        return "    {\"origin\": " + curve.origin + ", \"sequence\": " + curve.sequence +
            ", \"informed\": " + times.length + ", \"alive\": " + alive +
            ", \"t50_ms\": " + num(quantile(times, alive, 0.5)) +
            ", \"t99_ms\": " + num(quantile(times, alive, 0.99)) +
            ", \"t100_ms\": " + num(quantile(times, alive, 1.0)) +
            ", \"rounds50\": " + num(quantile(rounds, alive, 0.5)) +
            ", \"rounds99\": " + num(quantile(rounds, alive, 0.99)) +
            ", \"rounds100\": " + num(quantile(rounds, alive, 1.0)) +
            ", \"messages_per_node\": " + num(messagesPerNode) +
            ", \"max_received_per_round\": " + maxPerRound + "}";
    }

    /** The value at which ceil(q * alive) nodes knew; NaN (JSON null) when fewer ever did. */
    static double quantile(final double[] sorted, final int alive, final double q)
    {
        final int needed = Math.max(1, (int)Math.ceil(q * alive));
        return needed <= sorted.length ? sorted[needed - 1] : Double.NaN;
    }

    static double quantile(final long[] sorted, final int alive, final double q)
    {
        return quantile(Arrays.stream(sorted).asDoubleStream().toArray(), alive, q);
    }

    static String num(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long)value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String str(final String value)
    {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
