package io.hearsay.master.soak;

import io.hearsay.core.Addresses;
import io.hearsay.core.MemberStatus;
import io.hearsay.master.analysis.RunFolder;
import io.hearsay.master.plot.Charts;
import io.hearsay.records.log.EventLogReader;
import io.hearsay.records.log.LogRecord;
import io.hearsay.records.run.Json;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Checks a soak's run folder from what the daemons logged (their event logs) and what the soak did (its timeline),
 * and writes {@code soak-summary.json}, {@code soak-memory.csv}, {@code soak-memory.png}, {@code soak-churn.csv} and
 * {@code soak-events.csv}.
 * <ul>
 * <li><b>No false removals</b>: a DEAD or LEFT record about a member's life (its boot id: the wall clock at its boot)
 * is false unless that life was crashed by the soak before the record was written.</li>
 * <li><b>Crashed nodes removed</b>: every node up throughout a crashed node's down time recorded it DEAD before it
 * restarted.</li>
 * <li><b>Restarted nodes re-admitted</b>: every node up from the crash to the end of the settle time after the
 * restart (it saw the old life go) recorded the new life (ALIVE or SUSPECT at the new boot id) within the settle time.
 * A node that booted while the member was down knows it from its roster, unheard, and takes the new life's first
 * word without a record (roster formation writes none): those are counted apart.</li>
 * <li><b>Events reach every live node</b>: every node up throughout the event deadline after an injection learned the
 * event within it.</li>
 * <li><b>Bounded</b>: no member table above N entries; each process's resident memory below the bound and, like its
 * live heap (the smallest heap-in-use of each minute), not growing: the largest value of the run's last third at most
 * 1.25 times that of its middle third plus 64 MiB.</li>
 * <li>No control request of the soak failed and no log record was lost.</li>
 * </ul>
 */
public final class SoakCheck
{
    public static final String TIMELINE = "soak-timeline.csv";
    public static final String SAMPLES = "soak-samples.csv";
    public static final String SUMMARY = "soak-summary.json";
    /** a restart happens down ms after the crash request, by the daemon's clock: this much later at most */
    private static final long REBOOT_SLACK_MS = 2_000;
    private static final double GROWTH_FACTOR = 1.25;
    private static final long GROWTH_SLACK_BYTES = 64L << 20;
    private static final long MINUTE_MS = 60_000;

    private SoakCheck()
    {
    }

    /** Writes {@code config.properties}: every setting and the seed. */
    static void writeConfig(final Path out, final Map<String, String> config) throws IOException
    {
        final StringBuilder sb = new StringBuilder("# hearsay soak run: every setting and the seed\n");
        config.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", " ")).append('\n'));
        Files.writeString(out.resolve("config.properties"), sb.toString(), StandardCharsets.UTF_8);
    }

    /** A crash of the soak and what followed it. */
    static final class Crash
    {
        final long node;
        final long atMs;
        final long restartMs;
        int observers;
        int removedInTime;
        long removedByAllMs = -1;
        /** when the last observer removed it, restart or not (-1: some never did) */
        long removedEventuallyMs = -1;
        int readmitObservers;
        int readmittedInTime;
        long readmittedByAllMs = -1;
        final Long2LongHashMap removedAt = new Long2LongHashMap(-1);
        final Long2LongHashMap readmittedAt = new Long2LongHashMap(-1);

        Crash(final long node, final long atMs, final long downMs)
        {
            this.node = node;
            this.atMs = atMs;
            this.restartMs = atMs + downMs;
        }
    }

    /** An injected event and who learned it when. */
    static final class Injected
    {
        final long origin;
        final long sequence;
        final long atMs;
        final Long2LongHashMap learnedAt = new Long2LongHashMap(-1);
        int required;
        int informed;
        long t100Ms = -1;

        Injected(final long origin, final long sequence, final long atMs)
        {
            this.origin = origin;
            this.sequence = sequence;
            this.atMs = atMs;
        }
    }

    /** One process's memory over time, from its ProcessStats records. */
    static final class ProcessSeries
    {
        final long firstNode;
        final TreeMap<Long, long[]> byMinute = new TreeMap<>(); // minute -> {rssMax, heapUsedMax, heapUsedMin, heapCommittedMax}

        ProcessSeries(final long firstNode)
        {
            this.firstNode = firstNode;
        }
    }

    /**
     * Checks the run folder, writes the summary files and prints the verdict.
     *
     * @return true when every check holds
     */
    public static boolean checkFolder(final Path dir, final PrintStream out) throws IOException
    {
        final Properties config = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve("config.properties"), StandardCharsets.UTF_8))
        {
            config.load(reader);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("not a soak run folder: " + dir + " (" + ex.getMessage() + ")");
        }
        final int nodes = Integer.parseInt(config.getProperty("nodes"));
        final int port = Integer.parseInt(config.getProperty("port"));
        final long downMs = Long.parseLong(config.getProperty("down_ms"));
        final long settleMs = Long.parseLong(config.getProperty("settle_ms"));
        final long eventDeadlineMs = Long.parseLong(config.getProperty("event_deadline_ms"));
        final long maxRssBytes = Long.parseLong(config.getProperty("max_rss_bytes"));
        final long warmupMs = Long.parseLong(config.getProperty("warmup_ms", "0"));

        // the timeline: what the soak did
        final Long2ObjectHashMap<List<Crash>> crashesOf = new Long2ObjectHashMap<>();
        final List<Crash> crashes = new ArrayList<>();
        final List<Injected> events = new ArrayList<>();
        final Map<String, Injected> eventByKey = new LinkedHashMap<>();
        long startMs = -1;
        long endMs = -1;
        int failedRequests = 0;
        final List<String> failures = new ArrayList<>();
        for (final String line : Files.readAllLines(dir.resolve(TIMELINE), StandardCharsets.UTF_8))
        {
            final String[] f = line.split(",", 4);
            if (f.length < 4 || f[0].equals("wall_ms"))
            {
                continue;
            }
            final long wallMs = Long.parseLong(f[0]);
            switch (f[1])
            {
                case "start" -> startMs = wallMs;
                case "end" -> endMs = wallMs;
                case "crash" ->
                {
                    final Crash c = new Crash(Addresses.parse(f[2]), wallMs, Long.parseLong(f[3]));
                    crashes.add(c);
                    crashesOf.computeIfAbsent(c.node, k -> new ArrayList<>()).add(c);
                }
                case "inject" ->
                {
                    final Injected e = new Injected(Addresses.parse(f[2]), Long.parseLong(f[3]), wallMs);
                    events.add(e);
                    eventByKey.put(e.origin + "/" + e.sequence, e);
                }
                default ->
                {
                    failedRequests++;
                    if (failures.size() < 5)
                    {
                        failures.add(line);
                    }
                }
            }
        }
        if (endMs < 0)
        {
            endMs = Files.getLastModifiedTime(dir.resolve(TIMELINE)).toMillis();
        }
        final long[] addresses = new long[nodes];
        for (int i = 0; i < nodes; i++)
        {
            addresses[i] = Addresses.parse("127.0.0.1:" + (port + i));
        }

        // the logs: what the nodes saw
        // [0]: after the warm-up (a violation); [1]: while the daemons started and formed (reported apart)
        final long[] falseRemovals = new long[2];
        final TreeMap<Long, long[]> falseByMinute = new TreeMap<>();
        final List<String> falseExamples = new ArrayList<>();
        final int[] maxMemberTable = new int[1];
        final TreeMap<Long, int[]> membersByMinute = new TreeMap<>(); // minute -> {maxTable, maxLive}
        final Long2ObjectHashMap<ProcessSeries> processes = new Long2ObjectHashMap<>();
        final Map<String, Map<String, Long>> lastDrops = new LinkedHashMap<>(); // node/boot -> its latest, by reason
        long recordsRead = 0;
        long recordsLost = 0;
        final List<String> damaged = new ArrayList<>();
        final long finalStartMs = startMs;
        final RunFolder folder = new RunFolder(dir);
        for (final Path queue : folder.queueDirs())
        {
            final EventLogReader.Stats stats = EventLogReader.read(queue, r ->
            {
                final long wallMs = r.wallNs / 1_000_000L;
                final long minute = finalStartMs < 0 ? 0 : Math.floorDiv(wallMs - finalStartMs, MINUTE_MS);
                switch (r.type)
                {
                    case LogRecord.MEMBER_CHANGE ->
                    {
                        if (r.member == r.node)
                        {
                            return;
                        }
                        final List<Crash> lives = crashesOf.get(r.member);
                        if (r.status == MemberStatus.DEAD || r.status == MemberStatus.LEFT)
                        {
                            final Crash crash = crashOfLife(lives, r.memberBootId, wallMs);
                            final boolean forming = finalStartMs < 0 || wallMs < finalStartMs + warmupMs;
                            if (crash == null)
                            {
                                falseRemovals[forming ? 1 : 0]++;
                                falseByMinute.computeIfAbsent(minute, k -> new long[1])[0]++;
                                if (!forming && falseExamples.size() < 10)
                                {
                                    falseExamples.add(Addresses.toString(r.node) + " declared " +
                                        Addresses.toString(r.member) + " " + r.status + " at " + wallMs + " (boot " +
                                        r.memberBootId + ")");
                                }
                            }
                            else if (crash.removedAt.get(r.node) < 0)
                            {
                                crash.removedAt.put(r.node, wallMs);
                            }
                        }
                        else if (lives != null && r.memberBootId != 0)
                        {
                            // the life that began at boot id: the restart of the last crash before it
                            final long bootMs = r.memberBootId / 1_000_000L;
                            Crash restarted = null;
                            for (final Crash c : lives)
                            {
                                if (c.atMs < bootMs)
                                {
                                    restarted = c;
                                }
                            }
                            if (restarted != null && restarted.readmittedAt.get(r.node) < 0)
                            {
                                restarted.readmittedAt.put(r.node, wallMs);
                            }
                        }
                    }
                    case LogRecord.EVENT_LEARNED ->
                    {
                        final Injected e = eventByKey.get(r.origin + "/" + r.sequence);
                        if (e != null && e.learnedAt.get(r.node) < 0)
                        {
                            e.learnedAt.put(r.node, wallMs);
                        }
                    }
                    case LogRecord.NODE_STATS ->
                    {
                        maxMemberTable[0] = Math.max(maxMemberTable[0], r.memberTableSize);
                        final int[] m = membersByMinute.computeIfAbsent(minute, k -> new int[2]);
                        m[0] = Math.max(m[0], r.memberTableSize);
                        m[1] = Math.max(m[1], r.liveMembers);
                        lastDrops.put(r.node + "/" + r.bootId, r.addDropsByReason(new TreeMap<>()));
                    }
                    case LogRecord.PROCESS_STATS ->
                    {
                        final ProcessSeries p = processes.computeIfAbsent(r.node, ProcessSeries::new);
                        final long[] v = p.byMinute.computeIfAbsent(minute,
                            k -> new long[]{ -1, 0, Long.MAX_VALUE, 0 });
                        v[0] = Math.max(v[0], r.rssBytes);
                        v[1] = Math.max(v[1], r.heapUsedBytes);
                        v[2] = Math.min(v[2], r.heapUsedBytes);
                        v[3] = Math.max(v[3], r.heapCommittedBytes);
                    }
                    default ->
                    {
                    }
                }
            });
            recordsRead += stats.records;
            recordsLost += stats.lost;
            for (final EventLogReader.FileDamage d : stats.damaged)
            {
                damaged.add(d.describe());
            }
        }

        // crashes: removed by everyone up throughout the down time, before the restart; re-admitted after it
        int crashesNotRemoved = 0;
        int restartsNotReadmitted = 0;
        long bootedWhileDown = 0;
        final List<String> notRemoved = new ArrayList<>();
        final List<String> notReadmitted = new ArrayList<>();
        final List<Long> removalLatencies = new ArrayList<>();
        final List<Long> readmitLatencies = new ArrayList<>();
        for (final Crash c : crashes)
        {
            long lastRemoval = -1;
            long lastReadmit = -1;
            long lastEventually = -1;
            int eventually = 0;
            for (final long o : addresses)
            {
                if (o == c.node)
                {
                    continue;
                }
                if (upThroughout(crashesOf.get(o), c.atMs, c.restartMs, downMs))
                {
                    c.observers++;
                    final long t = c.removedAt.get(o);
                    if (t >= 0)
                    {
                        eventually++;
                        lastEventually = Math.max(lastEventually, t);
                    }
                    if (t >= 0 && t <= c.restartMs + REBOOT_SLACK_MS)
                    {
                        c.removedInTime++;
                        removalLatencies.add(t - c.atMs);
                        lastRemoval = Math.max(lastRemoval, t);
                    }
                }
                final boolean settled = c.restartMs + settleMs <= endMs &&
                    upThroughout(crashesOf.get(o), c.restartMs, c.restartMs + settleMs, downMs);
                if (settled && !upThroughout(crashesOf.get(o), c.atMs, c.restartMs, downMs))
                {
                    // booted while the member was down: it knows the member from its roster, unheard, and takes the
                    // new life's first word silently (roster formation writes no record), so nothing to read
                    bootedWhileDown++;
                }
                else if (settled)
                {
                    c.readmitObservers++;
                    final long t = c.readmittedAt.get(o);
                    if (t >= 0 && t <= c.restartMs + settleMs + REBOOT_SLACK_MS)
                    {
                        c.readmittedInTime++;
                        readmitLatencies.add(t - c.restartMs);
                        lastReadmit = Math.max(lastReadmit, t);
                    }
                }
            }
            if (eventually == c.observers)
            {
                c.removedEventuallyMs = lastEventually < 0 ? 0 : lastEventually - c.atMs;
            }
            if (c.removedInTime < c.observers)
            {
                crashesNotRemoved++;
                if (notRemoved.size() < 10)
                {
                    notRemoved.add(Addresses.toString(c.node) + " crashed at " + c.atMs + ": removed by " +
                        c.removedInTime + " of " + c.observers + " before its restart, by " + eventually + " at all");
                }
            }
            else
            {
                c.removedByAllMs = lastRemoval < 0 ? 0 : lastRemoval - c.atMs;
            }
            if (c.readmittedInTime < c.readmitObservers)
            {
                restartsNotReadmitted++;
                if (notReadmitted.size() < 10)
                {
                    notReadmitted.add(Addresses.toString(c.node) + " restarted at " + c.restartMs + ": re-admitted by " +
                        c.readmittedInTime + " of " + c.readmitObservers + " within " + settleMs + " ms");
                }
            }
            else if (c.readmitObservers > 0)
            {
                c.readmittedByAllMs = lastReadmit < 0 ? 0 : lastReadmit - c.restartMs;
            }
        }

        // events: learned by everyone up throughout the deadline after the injection
        int eventsMissed = 0;
        final List<String> missedExamples = new ArrayList<>();
        final List<Long> t100s = new ArrayList<>();
        for (final Injected e : events)
        {
            long last = e.atMs;
            for (final long o : addresses)
            {
                if (e.atMs + eventDeadlineMs > endMs || !upThroughout(crashesOf.get(o), e.atMs, e.atMs + eventDeadlineMs, downMs))
                {
                    continue;
                }
                e.required++;
                final long t = e.learnedAt.get(o);
                if (t >= 0 && t <= e.atMs + eventDeadlineMs)
                {
                    e.informed++;
                    last = Math.max(last, t);
                }
            }
            if (e.informed < e.required)
            {
                eventsMissed++;
                if (missedExamples.size() < 10)
                {
                    missedExamples.add("event " + Addresses.toString(e.origin) + "/" + e.sequence + " at " + e.atMs +
                        ": " + e.informed + " of " + e.required + " within " + eventDeadlineMs + " ms");
                }
            }
            else if (e.required > 0)
            {
                e.t100Ms = last - e.atMs;
                t100s.add(e.t100Ms);
            }
        }

        // memory: bounded, not growing (last third against middle third)
        final long minutes = Math.max(1, Math.floorDiv(endMs - startMs + MINUTE_MS - 1, MINUTE_MS));
        final long middleFrom = minutes / 3;
        final long lastFrom = 2 * minutes / 3;
        long rssMax = 0;
        final List<String> growth = new ArrayList<>();
        final List<Map<String, Object>> memory = new ArrayList<>();
        for (final ProcessSeries p : processes.values())
        {
            long rssMid = 0;
            long rssLast = 0;
            long heapMid = 0;
            long heapLast = 0;
            long processRssMax = 0;
            long heapMax = 0;
            for (final Map.Entry<Long, long[]> m : p.byMinute.entrySet())
            {
                final long minute = m.getKey();
                final long[] v = m.getValue();
                processRssMax = Math.max(processRssMax, v[0]);
                heapMax = Math.max(heapMax, v[1]);
                if (minute >= middleFrom && minute < lastFrom)
                {
                    rssMid = Math.max(rssMid, v[0]);
                    heapMid = Math.max(heapMid, v[2]);
                }
                else if (minute >= lastFrom && minute < minutes)
                {
                    rssLast = Math.max(rssLast, v[0]);
                    heapLast = Math.max(heapLast, v[2]);
                }
            }
            rssMax = Math.max(rssMax, processRssMax);
            final boolean rssGrows = rssMid > 0 && rssLast > rssMid * GROWTH_FACTOR + GROWTH_SLACK_BYTES;
            final boolean heapGrows = heapMid > 0 && heapLast > heapMid * GROWTH_FACTOR + GROWTH_SLACK_BYTES;
            if (rssGrows || heapGrows || processRssMax > maxRssBytes)
            {
                growth.add("process " + Addresses.toString(p.firstNode) + ": RSS " + mib(rssMid) + " -> " +
                    mib(rssLast) + " MiB (max " + mib(processRssMax) + "), live heap " + mib(heapMid) + " -> " +
                    mib(heapLast) + " MiB");
            }
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("process", Addresses.toString(p.firstNode));
            row.put("rss_max_mib", mib(processRssMax));
            row.put("rss_middle_third_max_mib", mib(rssMid));
            row.put("rss_last_third_max_mib", mib(rssLast));
            row.put("heap_used_max_mib", mib(heapMax));
            row.put("live_heap_middle_third_mib", mib(heapMid));
            row.put("live_heap_last_third_mib", mib(heapLast));
            memory.add(row);
        }

        // drops and refusals by reason, summed over every node's lives
        final Map<String, Long> drops = new TreeMap<>();
        lastDrops.values().forEach(d -> d.forEach((k, v) -> drops.merge(k, v, Long::sum)));

        final List<Map<String, Object>> checks = new ArrayList<>();
        check(checks, "no_false_removals", falseRemovals[0] == 0, falseRemovals[0] + " false removal(s) after the warm-up (" +
            falseRemovals[1] + " while the daemons started and formed)", falseExamples);
        check(checks, "crashed_nodes_removed", crashesNotRemoved == 0, (crashes.size() - crashesNotRemoved) + " of " +
            crashes.size() + " crashes removed by every live node before the restart", notRemoved);
        check(checks, "restarted_nodes_readmitted", restartsNotReadmitted == 0, (crashes.size() - restartsNotReadmitted) +
            " of " + crashes.size() + " restarts re-admitted by every live node within " + settleMs + " ms", notReadmitted);
        check(checks, "events_reach_live_nodes", eventsMissed == 0 && !events.isEmpty(), (events.size() - eventsMissed) +
            " of " + events.size() + " events learned by every node up throughout " + eventDeadlineMs + " ms", missedExamples);
        check(checks, "member_table_bounded", maxMemberTable[0] <= nodes, "largest member table " + maxMemberTable[0] +
            " entries (bound N = " + nodes + ")", List.of());
        check(checks, "memory_bounded", growth.isEmpty() && !processes.isEmpty(), "largest RSS " + mib(rssMax) +
            " MiB (bound " + mib(maxRssBytes) + " MiB); no process's RSS or live heap grew from the middle to the last " +
            "third by more than x" + GROWTH_FACTOR + " + " + mib(GROWTH_SLACK_BYTES) + " MiB", growth);
        check(checks, "control_requests_answered", failedRequests == 0, failedRequests + " crash/inject request(s) failed",
            failures);
        check(checks, "logs_intact", recordsLost == 0 && damaged.isEmpty(), recordsRead + " records read, " + recordsLost +
            " lost", damaged);
        final boolean ok = checks.stream().allMatch(c -> Boolean.TRUE.equals(c.get("ok")));

        final Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("ok", ok);
        summary.put("command", config.getProperty("command"));
        summary.put("seed", Long.parseLong(config.getProperty("seed")));
        final Map<String, Object> configuration = new TreeMap<>();
        config.stringPropertyNames().forEach(k -> configuration.put(k, config.getProperty(k)));
        summary.put("config", configuration);
        summary.put("duration_s", (endMs - startMs) / 1000.0);
        summary.put("crashes", crashes.size());
        summary.put("events", events.size());
        summary.put("false_removals", falseRemovals[0]);
        summary.put("false_removals_while_forming", falseRemovals[1]);
        final Map<String, Long> falseMinutes = new LinkedHashMap<>();
        falseByMinute.forEach((m, v) -> falseMinutes.put(Long.toString(m), v[0]));
        summary.put("false_removals_by_minute", falseMinutes);
        summary.put("removal_ms", percentiles(removalLatencies));
        summary.put("removed_by_all_ms", percentiles(crashes.stream().filter(c -> c.removedByAllMs >= 0)
            .map(c -> c.removedByAllMs).toList()));
        summary.put("removed_eventually_by_all_ms", percentiles(crashes.stream().filter(c -> c.removedEventuallyMs >= 0)
            .map(c -> c.removedEventuallyMs).toList()));
        summary.put("readmission_ms", percentiles(readmitLatencies));
        summary.put("readmission_observers_booted_while_down", bootedWhileDown);
        summary.put("readmitted_by_all_ms", percentiles(crashes.stream().filter(c -> c.readmittedByAllMs >= 0)
            .map(c -> c.readmittedByAllMs).toList()));
        summary.put("event_t100_ms", percentiles(t100s));
        summary.put("max_member_table", maxMemberTable[0]);
        summary.put("memory", memory);
        summary.put("cpu_cores", cpuCores(dir.resolve(SAMPLES), startMs + Math.min(MINUTE_MS, (endMs - startMs) / 4)));
        summary.put("drops_by_reason", drops);
        summary.put("records_read", recordsRead);
        summary.put("checks", checks);
        Json.writeFile(dir.resolve(SUMMARY), summary);
        writeMemory(dir, startMs, processes, membersByMinute);
        writeChurn(dir, crashes);
        writeEvents(dir, events);

        out.println("hearsay soak: " + crashes.size() + " crashes, " + events.size() + " events over " +
            (endMs - startMs) / 1000 + " s; removal by all p50/max " + summary.get("removed_by_all_ms") +
            "; re-admission by all " + summary.get("readmitted_by_all_ms") + "; event t100 " + t100s.size() +
            " events " + summary.get("event_t100_ms") + "; CPU " + summary.get("cpu_cores"));
        for (final Map<String, Object> c : checks)
        {
            out.println("hearsay soak: " + (Boolean.TRUE.equals(c.get("ok")) ? "ok   " : "FAIL ") + c.get("name") + ": " +
                c.get("detail"));
            @SuppressWarnings("unchecked")
            final List<String> examples = (List<String>)c.get("examples");
            if (!Boolean.TRUE.equals(c.get("ok")))
            {
                examples.forEach(x -> out.println("hearsay soak:        " + x));
            }
        }
        out.println("hearsay soak: " + (ok ? "every check holds" : "VIOLATION") + "; wrote " + dir.resolve(SUMMARY) +
            ", soak-memory.csv/png, soak-churn.csv, soak-events.csv");
        return ok;
    }

    /**
     * The crash that ended the member's life with boot id {@code bootId} (epoch ns at its boot) no later than
     * {@code atMs}, or null: the first crash after the boot. A boot id of 0 (a roster entry not yet heard from, or a
     * version-1 record) is taken as the member's latest crash before {@code atMs}.
     */
    static Crash crashOfLife(final List<Crash> lives, final long bootId, final long atMs)
    {
        if (lives == null)
        {
            return null;
        }
        final long bootMs = bootId / 1_000_000L;
        Crash found = null;
        for (final Crash c : lives)
        {
            if (c.atMs > atMs)
            {
                break;
            }
            if (bootId == 0 || c.atMs > bootMs)
            {
                found = c;
                if (bootId != 0)
                {
                    break;
                }
            }
        }
        return found;
    }

    /** Was the node up (not crashed, not rebooting) during all of [fromMs, toMs]? */
    static boolean upThroughout(final List<Crash> lives, final long fromMs, final long toMs, final long downMs)
    {
        if (lives == null)
        {
            return true;
        }
        for (final Crash c : lives)
        {
            if (c.atMs <= toMs && c.atMs + downMs + REBOOT_SLACK_MS >= fromMs)
            {
                return false;
            }
        }
        return true;
    }

    private static void check(
        final List<Map<String, Object>> checks, final String name, final boolean ok, final String detail,
        final List<String> examples)
    {
        final Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("ok", ok);
        c.put("detail", detail);
        c.put("examples", examples);
        checks.add(c);
    }

    private static Map<String, Object> percentiles(final List<Long> values)
    {
        final Map<String, Object> p = new LinkedHashMap<>();
        p.put("n", values.size());
        if (values.isEmpty())
        {
            return p;
        }
        final long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        p.put("p50", v[(int)Math.min(v.length - 1, Math.floor(0.5 * v.length))]);
        p.put("p99", v[(int)Math.min(v.length - 1, Math.floor(0.99 * v.length))]);
        p.put("max", v[v.length - 1]);
        return p;
    }

    /** Mean and largest CPU (cores, all processes together) over the samples after {@code fromMs}. */
    private static Map<String, Object> cpuCores(final Path samples, final long fromMs) throws IOException
    {
        final Map<String, Object> cpu = new LinkedHashMap<>();
        if (!Files.exists(samples))
        {
            return cpu;
        }
        final TreeMap<Long, double[]> byRound = new TreeMap<>(); // sample round (first process's time) -> sum
        long roundMs = -1;
        for (final String line : Files.readAllLines(samples, StandardCharsets.UTF_8))
        {
            final String[] f = line.split(",");
            if (f.length < 5 || f[0].equals("wall_ms"))
            {
                continue;
            }
            if (f[1].equals("0"))
            {
                roundMs = Long.parseLong(f[0]);
            }
            final double cores = Double.parseDouble(f[4]);
            if (roundMs >= fromMs && cores >= 0)
            {
                byRound.computeIfAbsent(roundMs, k -> new double[1])[0] += cores;
            }
        }
        final double[] sums = byRound.values().stream().mapToDouble(d -> d[0]).toArray();
        cpu.put("samples", sums.length);
        if (sums.length > 0)
        {
            cpu.put("mean", Math.round(Arrays.stream(sums).average().orElse(0) * 1000) / 1000.0);
            cpu.put("max", Math.round(Arrays.stream(sums).max().orElse(0) * 1000) / 1000.0);
        }
        return cpu;
    }

    private static void writeMemory(
        final Path dir, final long startMs, final Long2ObjectHashMap<ProcessSeries> processes,
        final TreeMap<Long, int[]> membersByMinute) throws IOException
    {
        final StringBuilder csv = new StringBuilder("minute,process,rss_max_mib,heap_used_max_mib,heap_used_min_mib," +
            "heap_committed_max_mib,member_table_max,live_members_max\n");
        final XYChart chart = Charts.xy("soak: memory per process", "minutes", "MiB");
        int colour = 0;
        for (final ProcessSeries p : processes.values())
        {
            final int n = p.byMinute.size();
            final double[] x = new double[n];
            final double[] rss = new double[n];
            final double[] heap = new double[n];
            int i = 0;
            for (final Map.Entry<Long, long[]> m : p.byMinute.entrySet())
            {
                final long[] v = m.getValue();
                final int[] members = membersByMinute.getOrDefault(m.getKey(), new int[2]);
                csv.append(m.getKey()).append(',').append(Addresses.toString(p.firstNode)).append(',')
                    .append(mib(v[0])).append(',').append(mib(v[1])).append(',').append(mib(v[2])).append(',')
                    .append(mib(v[3])).append(',').append(members[0]).append(',').append(members[1]).append('\n');
                x[i] = m.getKey();
                rss[i] = v[0] / 1048576.0;
                heap[i] = v[2] / 1048576.0;
                i++;
            }
            if (n > 0)
            {
                Charts.line(chart, "RSS " + Addresses.toString(p.firstNode), x, rss, Charts.color(colour));
                Charts.dashed(chart, "live heap " + Addresses.toString(p.firstNode), x, heap, Charts.color(colour));
            }
            colour++;
        }
        Files.writeString(dir.resolve("soak-memory.csv"), csv.toString(), StandardCharsets.UTF_8);
        if (!processes.isEmpty())
        {
            Charts.savePng(chart, dir.resolve("soak-memory.png"));
        }
    }

    private static void writeChurn(final Path dir, final List<Crash> crashes) throws IOException
    {
        final StringBuilder csv = new StringBuilder("node,crash_wall_ms,restart_wall_ms,observers,removed_before_restart," +
            "removed_by_all_ms,removed_eventually_by_all_ms,readmit_observers,readmitted_in_time,readmitted_by_all_ms\n");
        for (final Crash c : crashes)
        {
            csv.append(Addresses.toString(c.node)).append(',').append(c.atMs).append(',').append(c.restartMs).append(',')
                .append(c.observers).append(',').append(c.removedInTime).append(',').append(c.removedByAllMs).append(',')
                .append(c.removedEventuallyMs).append(',').append(c.readmitObservers).append(',').append(c.readmittedInTime).append(',')
                .append(c.readmittedByAllMs).append('\n');
        }
        Files.writeString(dir.resolve("soak-churn.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    private static void writeEvents(final Path dir, final List<Injected> events) throws IOException
    {
        final StringBuilder csv = new StringBuilder("origin,sequence,inject_wall_ms,required,informed,t100_ms\n");
        for (final Injected e : events)
        {
            csv.append(Addresses.toString(e.origin)).append(',').append(e.sequence).append(',').append(e.atMs).append(',')
                .append(e.required).append(',').append(e.informed).append(',').append(e.t100Ms).append('\n');
        }
        Files.writeString(dir.resolve("soak-events.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    private static long mib(final long bytes)
    {
        return bytes < 0 ? -1 : bytes >> 20;
    }
}
