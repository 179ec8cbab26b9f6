package io.hearsay.master.analysis;

import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import io.hearsay.records.log.EventLogReader;
import io.hearsay.records.log.LogRecord;
import io.hearsay.records.run.RunSummary;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads every event-log queue of a run folder and merges the records by time into one {@link EventCurve} per
 * event. Damage never stops the merge: a missing, truncated or corrupt queue is named in
 * {@link CollectedRun#warnings} and in {@code missing_nodes} / {@code corrupt_files}, and every record that could be
 * read is kept.
 */
public final class LogCollector
{
    /** A data file smaller than this cannot hold a queue header: Chronicle would fault mapping it. */
    static final long MIN_QUEUE_FILE_BYTES = 4096;

    private final Consumer<String> warningSink;

    /** @param warningSink told each warning as it is found (e.g. printed to stderr); they are also collected */
    public LogCollector(final Consumer<String> warningSink)
    {
        this.warningSink = warningSink;
    }

    /** Collects with clock offsets from the folder's {@code clock-offsets.properties}, if any. */
    public CollectedRun collect(final RunFolder folder) throws IOException
    {
        return collect(folder, ClockOffsets.load(folder.dir()));
    }

    public CollectedRun collect(final RunFolder folder, final ClockOffsets offsets) throws IOException
    {
        final RunSummary configuration = folder.readConfiguration();
        final CollectedRun run = new CollectedRun(folder, configuration);
        run.clockCorrected = !offsets.isEmpty();
        final Merge merge = new Merge(offsets, run);
        long otherVersionRecords = 0;
        int otherVersion = 0;

        final List<Path> queueDirs = folder.queueDirs();
        if (!folder.hasLogs())
        {
            warn(run, "no event logs: " + folder.logsDir() + " does not exist");
        }
        for (final Path queueDir : queueDirs)
        {
            final String name = folder.relative(queueDir);
            final List<Path> files;
            try (Stream<Path> list = Files.list(queueDir))
            {
                files = list.filter(RunFolder::isQueueFile).sorted().toList();
            }
            final List<Path> dataFiles = files.stream().filter(f -> f.toString().endsWith(".cq4")).toList();
            if (files.isEmpty())
            {
                run.missingNodes.add(name + " (empty queue folder)");
                warn(run, name + ": empty queue folder, its nodes' records are missing");
                continue;
            }
            if (dataFiles.isEmpty())
            {
                run.missingNodes.add(name + " (no .cq4 data file)");
                warn(run, name + ": the queue has no .cq4 data file, its nodes' records are missing");
                continue;
            }
            final Path tooSmall = firstTooSmall(dataFiles);
            if (tooSmall != null)
            {
                final String reason = folder.relative(tooSmall) + ": truncated (" + Files.size(tooSmall) +
                    " bytes), queue skipped";
                run.corruptFiles.add(reason);
                run.unreadableQueues++;
                warn(run, reason);
                continue;
            }
            run.queues++;
            final long before = merge.records;
            try
            {
                final EventLogReader.Stats stats = EventLogReader.read(queueDir, merge);
                run.skippedRecords += stats.skipped;
                run.lostRecords += stats.lost;
                for (final EventLogReader.FileDamage damage : stats.damaged)
                {
                    final String reason = folder.relative(damage.file) + ": " + damage.describe();
                    if (damage.lost > 0)
                    {
                        run.corruptFiles.add(reason); // a stretch that held no record is a warning only
                    }
                    warn(run, reason);
                }
                if (stats.otherLayoutVersion > 0)
                {
                    otherVersionRecords += stats.otherLayoutVersion;
                    otherVersion = stats.otherVersion;
                    final String reason = name + ": " + stats.otherLayoutVersion + " records of event-log layout " +
                        "version " + stats.otherVersion + " skipped (this hearsay reads record schema " +
                        LogRecord.SCHEMA_ID + " version " + LogRecord.SCHEMA_VERSION + ")";
                    run.corruptFiles.add(reason);
                    warn(run, reason);
                }
                final long undecodable = stats.skipped - stats.otherLayoutVersion;
                if (undecodable > 0)
                {
                    final String reason = name + ": " + undecodable + " records of a type this hearsay does not " +
                        "know skipped";
                    run.corruptFiles.add(reason);
                    warn(run, reason);
                }
                if (stats.records == 0 && stats.skipped == 0 && stats.damaged.isEmpty())
                {
                    final String reason = name + ": the queue holds no readable records (damaged header?)";
                    run.corruptFiles.add(reason);
                    warn(run, reason);
                }
            }
            catch (final IllegalStateException ex)
            {
                final Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
                final String reason = name + ": read stopped after " + (merge.records - before) +
                    " records, the rest is unreadable (" + cause.getMessage() + ")";
                run.corruptFiles.add(reason);
                run.unreadableQueues++;
                warn(run, reason);
            }
        }
        run.records = merge.records;
        run.eventRecords = merge.eventRecords;
        run.endedGone = merge.endedGone();

        if (otherVersionRecords > 0 && merge.records == 0)
        {
            warn(run, "this run folder was written by another hearsay version: its event logs use layout version " +
                otherVersion + ", this build reads record schema " + LogRecord.SCHEMA_ID + " version " +
                LogRecord.SCHEMA_VERSION);
        }

        final List<EventTrace> traces = new ArrayList<>(merge.traces.size());
        merge.traces.values().forEach(bySeq -> traces.addAll(bySeq.values()));
        traces.sort((a, b) -> a.key.compareTo(b.key));
        for (final EventTrace trace : traces)
        {
            run.events.add(EventCurve.of(trace));
        }
        findMissing(run, merge, traces);
        if (run.events.isEmpty() && folder.hasLogs())
        {
            warn(run, "no events: the queues under " + folder.logsDir() + " hold no EventLearned record");
        }
        return run;
    }

    private static Path firstTooSmall(final List<Path> dataFiles) throws IOException
    {
        for (final Path f : dataFiles)
        {
            if (Files.size(f) < MIN_QUEUE_FILE_BYTES)
            {
                return f;
            }
        }
        return null;
    }

    private void findMissing(final CollectedRun run, final Merge merge, final List<EventTrace> traces)
    {
        final LongHashSet candidates = new LongHashSet();
        for (final LongHashSet.LongIterator it = merge.referenced.iterator(); it.hasNext(); )
        {
            final long node = it.nextValue();
            if (!merge.writers.contains(node))
            {
                candidates.add(node);
            }
        }
        long eventWriters = 0;
        for (final EventTrace trace : traces)
        {
            for (int i = 0; i < trace.size && !candidates.isEmpty(); i++)
            {
                candidates.remove(trace.node[i]);
            }
        }
        for (final EventCurve curve : run.events)
        {
            eventWriters = Math.max(eventWriters, curve.informed());
        }
        run.writers = Math.max(merge.writers.size(), eventWriters);
        final long[] missing = new long[candidates.size()];
        int i = 0;
        for (final LongHashSet.LongIterator it = candidates.iterator(); it.hasNext(); )
        {
            missing[i++] = it.nextValue();
        }
        java.util.Arrays.sort(missing);
        for (final long node : missing)
        {
            run.missingNodes.add(EventKey.NodeNames.format(node));
        }
        if (missing.length > 0)
        {
            warn(run, missing.length + " nodes appear in others' membership records but wrote no record of their " +
                "own (missing logs): " + run.missingNodes.subList(run.missingNodes.size() - missing.length,
                run.missingNodes.size() - missing.length + Math.min(10, missing.length)) +
                (missing.length > 10 ? " ..." : ""));
        }
        if (run.configuration.nodes > 0 && run.writers > 0 && run.writers < run.configuration.nodes)
        {
            warn(run, "only " + run.writers + " of the configured " + run.configuration.nodes +
                " nodes left a record in the logs");
        }
    }

    private void warn(final CollectedRun run, final String warning)
    {
        run.warnings.add(warning);
        warningSink.accept(warning);
    }

    /** The record consumer: routes each record into its event's trace or the node's totals. */
    private static final class Merge implements Consumer<LogRecord>
    {
        final ClockOffsets offsets;
        final boolean correct;
        final CollectedRun run;
        final Long2ObjectHashMap<Long2ObjectHashMap<EventTrace>> traces = new Long2ObjectHashMap<>();
        final LongHashSet writers = new LongHashSet();
        final LongHashSet referenced = new LongHashSet();
        /** member → {wallNs, MemberStatus ordinal} of the latest change reported about it */
        final Long2ObjectHashMap<long[]> lastChange = new Long2ObjectHashMap<>();
        long records;
        long eventRecords;
        EventTrace last;

        Merge(final ClockOffsets offsets, final CollectedRun run)
        {
            this.offsets = offsets;
            this.correct = !offsets.isEmpty();
            this.run = run;
        }

        @Override
        public void accept(final LogRecord r)
        {
            records++;
            switch (r.type)
            {
                case LogRecord.EVENT_LEARNED:
                    eventRecords++;
                    onEventLearned(r);
                    break;
                case LogRecord.NODE_STATS:
                    onNodeStats(r);
                    break;
                case LogRecord.MEMBER_CHANGE:
                    writers.add(r.node);
                    referenced.add(r.member);
                    onMemberChange(r);
                    break;
                default:
                    break;
            }
        }

        private void onEventLearned(final LogRecord r)
        {
            EventTrace trace = last;
            if (trace == null || trace.key.origin() != r.origin || trace.key.sequence() != r.sequence)
            {
                Long2ObjectHashMap<EventTrace> bySeq = traces.get(r.origin);
                if (bySeq == null)
                {
                    bySeq = new Long2ObjectHashMap<>();
                    traces.put(r.origin, bySeq);
                }
                trace = bySeq.get(r.sequence);
                if (trace == null)
                {
                    trace = new EventTrace(new EventKey(r.origin, r.sequence));
                    bySeq.put(r.sequence, trace);
                }
                last = trace;
            }
            final long wallNs = correct ? r.wallNs - offsets.offsetNs(r.node) : r.wallNs;
            final long createdNs = r.createdWallNs == 0 ? 0 :
                (correct ? r.createdWallNs - offsets.offsetNs(r.origin) : r.createdWallNs);
            trace.add(wallNs, r.node, r.round, r.hops, r.channel, r.duplicates, createdNs);
        }

        /** Keeps each member's latest reported status (by wall time, over all observers). */
        private void onMemberChange(final LogRecord r)
        {
            final long[] last = lastChange.get(r.member);
            if (last == null)
            {
                lastChange.put(r.member, new long[]{r.wallNs, r.status.ordinal()});
            }
            else if (r.wallNs >= last[0])
            {
                last[0] = r.wallNs;
                last[1] = r.status.ordinal();
            }
        }

        /** Members whose latest reported status is DEAD or LEFT: crashed (not restarted) or left by the end. */
        long endedGone()
        {
            long gone = 0;
            for (final long[] last : lastChange.values())
            {
                if (last[1] == MemberStatus.DEAD.ordinal() || last[1] == MemberStatus.LEFT.ordinal())
                {
                    gone++;
                }
            }
            return gone;
        }

        private void onNodeStats(final LogRecord r)
        {
            writers.add(r.node);
            CollectedRun.NodeTotals totals = run.nodeTotals.get(r.node);
            if (totals == null)
            {
                totals = new CollectedRun.NodeTotals();
                run.nodeTotals.put(r.node, totals);
            }
            if (r.wallNs >= totals.wallNs)
            {
                totals.wallNs = r.wallNs;
                totals.messagesSent = r.messagesSent;
                totals.messagesReceived = r.messagesReceived;
            }
            totals.maxReceivedPerRound = Math.max(totals.maxReceivedPerRound, r.maxReceivedPerRound);
            final CollectedRun.NodeTotals node = totals;
            if (r.bootId != node.dropsBootId)
            {
                // a restarted node counts from zero again: keep what its earlier life had counted
                node.drops.forEach((k, v) -> node.dropsEarlierLives.merge(k, v, Long::sum));
                node.dropsBootId = r.bootId;
            }
            node.drops = r.addDropsByReason(new java.util.TreeMap<>());
            totals.addStats(correct ? r.wallNs - offsets.offsetNs(r.node) : r.wallNs, r.messagesSent);
        }
    }
}
