package io.hearsay.master.analysis;

import io.hearsay.records.run.RunSummary;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything read from one run folder's queues: the events' curves, the nodes' last statistics, and what could not
 * be read (warnings, missing nodes, corrupt files), ready to become a {@code summary.json}.
 */
public final class CollectedRun
{
    /** Last NODE_STATS of one node (cumulative counters). */
    public static final class NodeTotals
    {
        public long wallNs = Long.MIN_VALUE;
        public long messagesSent;
        public long messagesReceived;
        public long maxReceivedPerRound;
        /** drops and refusals by reason: the latest record of the current life plus the last of each earlier one */
        public java.util.Map<String, Long> drops = java.util.Map.of();
        public final java.util.Map<String, Long> dropsEarlierLives = new java.util.TreeMap<>();
        public long dropsBootId;
        /** every NODE_STATS of the node in log order: wall time (clock-corrected) and messages sent so far */
        public long[] statsWallNs = new long[4];
        public long[] statsMessagesSent = new long[4];
        public int statsCount;

        public void addStats(final long wallNs, final long messagesSent)
        {
            if (statsCount == statsWallNs.length)
            {
                statsWallNs = java.util.Arrays.copyOf(statsWallNs, statsCount * 2);
                statsMessagesSent = java.util.Arrays.copyOf(statsMessagesSent, statsCount * 2);
            }
            statsWallNs[statsCount] = wallNs;
            statsMessagesSent[statsCount++] = messagesSent;
        }
    }

    public final RunFolder folder;
    /** the configuration (summary.json / config.properties), events empty */
    public final RunSummary configuration;
    public final List<EventCurve> events = new ArrayList<>();
    public final Long2ObjectHashMap<NodeTotals> nodeTotals = new Long2ObjectHashMap<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<String> missingNodes = new ArrayList<>();
    public final List<String> corruptFiles = new ArrayList<>();
    public int queues;
    public long records;
    public long eventRecords;
    public long skippedRecords;
    /** records lost to damaged log files (counted from the gaps in the records' numbers, or estimated at a cut) */
    public long lostRecords;
    /** queues that could not be read at all (their loss is not counted in {@link #lostRecords}) */
    public int unreadableQueues;
    /** distinct nodes that wrote any record */
    public long writers;
    public boolean clockCorrected;
    /** members whose latest MEMBER_CHANGE in the logs (any observer) says DEAD or LEFT: gone by the run's end */
    public long endedGone;

    /** Whether any record was lost: a damaged or unreadable log file, a truncated queue skipped whole. */
    public boolean lostAny()
    {
        return lostRecords > 0 || unreadableQueues > 0;
    }

    public CollectedRun(final RunFolder folder, final RunSummary configuration)
    {
        this.folder = folder;
        this.configuration = configuration;
    }

    /**
     * Nodes the percentages count against: the configured node count when known, else every node that wrote a
     * record, less the members the logs last report DEAD or LEFT (crashed and not restarted, or left, by the end;
     * a restarted node is reported ALIVE again); at least the informed count.
     */
    public long alive()
    {
        long alive = Math.max(0, (configuration.nodes > 0 ? configuration.nodes : writers) - endedGone);
        for (final EventCurve e : events)
        {
            alive = Math.max(alive, e.informed());
        }
        return alive;
    }

    /** Messages sent per node with statistics (NaN when no node wrote NODE_STATS). */
    public double messagesPerNode()
    {
        if (nodeTotals.isEmpty())
        {
            return Double.NaN;
        }
        long sent = 0;
        for (final NodeTotals t : nodeTotals.values())
        {
            sent += t.messagesSent;
        }
        return (double)sent / nodeTotals.size();
    }

    /** The largest per-round receive count of any node (peak in-degree), -1 when unknown. */
    public long peakInDegree()
    {
        long peak = -1;
        for (final NodeTotals t : nodeTotals.values())
        {
            peak = Math.max(peak, t.maxReceivedPerRound);
        }
        return peak;
    }

    /** The run as summary.json: the configuration plus one entry per event and what was missing or corrupt. */
    /** summary.json's key for the nodes' drops and refusals by reason, summed (from their statistics records) */
    public static final String DROPS_BY_REASON = "drops_by_reason";

    public RunSummary toSummary()
    {
        final RunSummary s = configuration;
        s.events.clear();
        final long alive = alive();
        for (final EventCurve curve : events)
        {
            final RunSummary.EventSummary e = new RunSummary.EventSummary();
            e.origin = curve.key().origin();
            e.sequence = curve.key().sequence();
            e.informed = curve.informed();
            e.alive = alive;
            e.t50Ms = curve.timeToFractionMs(0.5, alive);
            e.t99Ms = curve.timeToFractionMs(0.99, alive);
            e.t100Ms = curve.timeToFractionMs(1.0, alive);
            e.rounds50 = curve.roundsToFraction(0.5, alive);
            e.rounds99 = curve.roundsToFraction(0.99, alive);
            e.rounds100 = curve.roundsToFraction(1.0, alive);
            e.messagesPerNode = messagesPerNode();
            e.maxReceivedPerRound = peakInDegree();
            s.events.add(e);
        }
        s.missingNodes.clear();
        s.missingNodes.addAll(missingNodes);
        s.corruptFiles.clear();
        s.corruptFiles.addAll(corruptFiles);
        s.lostRecords = lostRecords;
        final java.util.Map<String, Long> drops = new java.util.TreeMap<>();
        for (final NodeTotals t : nodeTotals.values())
        {
            t.drops.forEach((k, v) -> drops.merge(k, v, Long::sum));
            t.dropsEarlierLives.forEach((k, v) -> drops.merge(k, v, Long::sum));
        }
        if (!drops.isEmpty())
        {
            s.extra.put(DROPS_BY_REASON, drops);
        }
        if (s.nodes == 0)
        {
            s.nodes = alive;
        }
        if (s.processes == 0)
        {
            s.processes = queues;
        }
        return s;
    }
}
