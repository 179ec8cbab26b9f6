package io.hearsay.master.live;

import io.hearsay.core.Addresses;
import io.hearsay.core.Channel;
import io.hearsay.daemon.control.ControlAuth;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.daemon.control.LiveView;
import io.hearsay.records.log.EventLogWriter;
import io.hearsay.wire.sbe.HostedNodeState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The master's collector: polls every daemon process's live reports over its control port, keeps the latest report
 * per node, the {@link ViewMatrix} (fetching only the view buckets whose digest changed), the propagation of the
 * latest event as it happens (faster polls while it spreads), counters over time and the timeline of commands. Every
 * report is appended to the master's log ({@code LOG_DIR/logs/master}, a Chronicle Queue in the node logs' record
 * layout, so LOG_DIR is a run folder {@code ./hearsay curves} and {@code report} read): a NODE_STATE and a NODE_STATS
 * record per report, a MEMBER_CHANGE per view entry that changed (all stamped with the node's clock from its report), an
 * EVENT_LEARNED when a node is first seen knowing the tracked event (stamped with the master's clock at that poll), and
 * a MASTER_COMMAND per command sent (also one JSON line in {@code LOG_DIR/commands.jsonl}).
 * After each poll a {@link Snapshot} is published to the listeners.
 */
public final class LiveCollector implements AutoCloseable
{
    public static final int HEAT_MAP_BLOCKS = 24;
    public static final int DISAGREEMENTS_LISTED = 50;
    public static final int HISTORY_SAMPLES = 600;
    public static final int TIMELINE_ENTRIES = 200;
    /** the propagation curve carries at most this many points whatever N is (every k-th node to learn, and the last) */
    public static final int CURVE_POINTS = 500;
    /** silent endpoints listed by name (the count is exact) */
    public static final int SILENT_LISTED = 20;
    /** per attempt of a control request: a process answers one datagram per hosted node, late on a loaded machine */
    public static final int ATTEMPT_TIMEOUT_MS = 1000;

    /** The event whose propagation is followed. */
    public record TrackedEvent(String origin, long originAddress, long sequence, long injectedAtMs)
    {
    }

    /** One point of the counters over time (sums over nodes; rates per second since the previous sample). */
    public record Sample(long atMs, int nodes, int running, long alive, long suspect, long dead, double datagramsInPerS,
        double datagramsOutPerS, double dropsPerS, long eventsLearned, long duplicates)
    {
    }

    /** A command the master sent, as the timeline shows it. */
    public record Command(long atMs, String action, String target, String argument, boolean ok, String answer)
    {
    }

    /** Everything the views show, published after each poll. */
    public record Snapshot(
        long atMs, long pollMs, int endpoints, List<String> silent, List<NodeRow> nodes, ViewMatrix.HeatMap heatMap,
        int disagreementCount, List<ViewMatrix.Disagreement> disagreements, TrackedEvent event,
        List<long[]> curve, List<double[]> theory, List<Sample> history, List<Command> timeline, long reportsTotal,
        long viewEntries, Map<String, Long> droppedReports, String cluster, Map<String, Long> datagramsDropped,
        Map<String, Long> claimsRefused)
    {
        /** @return the reports dropped, all reasons */
        public long droppedTotal()
        {
            return droppedReports.values().stream().mapToLong(Long::longValue).sum();
        }

        /** @return "reason=count ..." of the reasons with drops, empty when none */
        public String droppedSummary()
        {
            final StringBuilder b = new StringBuilder();
            droppedReports.forEach((reason, count) ->
            {
                if (count > 0)
                {
                    b.append(b.length() == 0 ? "" : " ").append(reason).append('=').append(count);
                }
            });
            return b.toString();
        }

        public int knowing()
        {
            return curve.isEmpty() ? 0 : (int)curve.get(curve.size() - 1)[1];
        }
    }

    private final List<InetSocketAddress> endpoints;
    private final List<ControlClient> clients = new ArrayList<>();
    private final int budgetBytes;
    private final long gossipPeriodMs;
    private final ExecutorService pool;
    private final ViewMatrix matrix = new ViewMatrix();
    private final Map<Long, ControlClient.LiveReport> latest = new HashMap<>();
    private final Map<Long, ControlClient.LiveReport> latestForMetrics = new HashMap<>();
    private final Map<Long, ControlClient.LiveReport> previous = new HashMap<>();
    private final Map<Long, Long> reportedAtMs = new HashMap<>();
    private final Map<Long, Long> previousAtMs = new HashMap<>();
    private final Map<Long, Integer> endpointOf = new HashMap<>();
    private final Map<Long, Long> learnedAtMs = new LinkedHashMap<>();
    private final ArrayDeque<Sample> history = new ArrayDeque<>();
    private final ArrayDeque<Command> timeline = new ArrayDeque<>();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final EventLogWriter log;
    private final java.util.concurrent.ConcurrentLinkedQueue<PendingCommand> commandRecords =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Writer commandLog;
    private volatile TrackedEvent event;
    /** the event learnedAtMs is about (poll thread only) */
    private TrackedEvent followed;
    private final List<java.util.function.LongConsumer> learnLatencyListeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;
    /** the cluster whose reports are kept: given, or the first one a daemon named (null until then) */
    private volatile String cluster;
    private final java.util.concurrent.atomic.AtomicLong droppedForeignCluster = new java.util.concurrent.atomic.AtomicLong();
    private long reportsTotal;
    private long lastSampleMs;
    private long lastIn;
    private long lastOut;
    private long lastDrops;

    /**
     * @param budgetBytes    largest reply datagram asked of the daemons (0 = the largest datagram)
     * @param gossipPeriodMs the nodes' gossip period, for the theory curve's time axis
     * @param logDir         the master's log folder (null: no log)
     */
    public LiveCollector(
        final List<InetSocketAddress> endpoints, final int budgetBytes, final long gossipPeriodMs, final Path logDir)
        throws IOException
    {
        this(endpoints, budgetBytes, gossipPeriodMs, logDir, ControlAuth.fromEnvironment());
    }

    /** @param auth how commands are tagged (the daemons' control token or key); null = untagged */
    public LiveCollector(
        final List<InetSocketAddress> endpoints, final int budgetBytes, final long gossipPeriodMs, final Path logDir,
        final ControlAuth auth) throws IOException
    {
        this(endpoints, budgetBytes, gossipPeriodMs, logDir, auth, null);
    }

    /**
     * @param auth    how commands are tagged and answers verified (the daemons' control token or key); null = untagged
     * @param cluster the cluster whose reports are kept; null: the first one a daemon names
     */
    public LiveCollector(
        final List<InetSocketAddress> endpoints, final int budgetBytes, final long gossipPeriodMs, final Path logDir,
        final ControlAuth auth, final String cluster) throws IOException
    {
        this.cluster = cluster;
        if (endpoints.isEmpty())
        {
            throw new IllegalArgumentException("no daemon control endpoints to collect from");
        }
        this.endpoints = List.copyOf(endpoints);
        this.budgetBytes = budgetBytes;
        this.gossipPeriodMs = gossipPeriodMs;
        for (final InetSocketAddress endpoint : endpoints)
        {
            clients.add(new ControlClient(endpoint, ATTEMPT_TIMEOUT_MS, 3, auth));
        }
        pool = Executors.newFixedThreadPool(Math.min(8, endpoints.size()), r ->
        {
            final Thread t = new Thread(r, "live-collector");
            t.setDaemon(true);
            return t;
        });
        if (logDir != null)
        {
            Files.createDirectories(logDir);
            log = new EventLogWriter(logDir.resolve(io.hearsay.master.analysis.RunFolder.LOGS).resolve("master"));
            commandLog = Files.newBufferedWriter(logDir.resolve("commands.jsonl"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        else
        {
            log = null;
            commandLog = null;
        }
        snapshot = new Snapshot(System.currentTimeMillis(), 0, endpoints.size(), List.of(), List.of(),
            ViewMatrix.HeatMap.EMPTY, 0, List.of(), null, List.of(), List.of(), List.of(), List.of(), 0, 0,
            droppedReports(), cluster, Map.of(), Map.of());
    }

    public void addListener(final Consumer<Snapshot> listener)
    {
        listeners.add(listener);
    }

    /** Called with the milliseconds from injection to the poll that first saw a node knowing the tracked event. */
    public void addLearnLatencyListener(final java.util.function.LongConsumer listener)
    {
        learnLatencyListeners.add(listener);
    }

    public TrackedEvent trackedEvent()
    {
        return event;
    }

    public Snapshot snapshot()
    {
        return snapshot;
    }

    public List<InetSocketAddress> endpoints()
    {
        return endpoints;
    }

    /** Is the tracked event still spreading (the caller polls faster meanwhile)? */
    public boolean eventSpreading()
    {
        final TrackedEvent e = event;
        final Snapshot s = snapshot;
        return e != null && System.currentTimeMillis() - e.injectedAtMs() < 60_000 &&
            s.knowing() < s.nodes().stream().filter(n -> n.state().equals("RUNNING")).count();
    }

    /** Poll every endpoint once, update the state, log, publish. Always called by the same thread (the log's writer). */
    public Snapshot poll()
    {
        final long startMs = System.currentTimeMillis();
        if (log != null)
        {
            appendCommandRecords();
        }
        final TrackedEvent e = event;
        if (e != followed)
        {
            learnedAtMs.clear();
            followed = e;
        }
        final long origin = e == null ? 0 : e.originAddress();
        final long sequence = e == null ? 0 : e.sequence();
        final List<Future<Fetched>> answers = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++)
        {
            final ControlClient client = clients.get(i);
            answers.add(pool.submit(() -> fetch(client, origin, sequence)));
        }
        final List<String> silent = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++)
        {
            final Fetched fetched = get(answers.get(i));
            if (fetched == null || fetched.foreignCluster() != null)
            {
                silent.add(endpoints.get(i).getHostString() + ":" + endpoints.get(i).getPort() +
                    (fetched == null ? "" : " (cluster " + fetched.foreignCluster() + ", not " + cluster + ")"));
                continue;
            }
            if (log != null)
            {
                final long monoNs = System.nanoTime();
                for (final ViewChange c : fetched.changes())
                {
                    log.memberChange(c.wallNs(), monoNs, c.observer(), c.member().address(), c.member().status(),
                        c.member().incarnation());
                }
            }
            final long nowMs = System.currentTimeMillis();
            for (final ControlClient.LiveReport r : fetched.reports())
            {
                absorb(i, r, nowMs, e);
            }
        }
        final Snapshot s = publish(startMs, silent);
        for (final Consumer<Snapshot> listener : listeners)
        {
            listener.accept(s);
        }
        return s;
    }

    /** Digests of every node of one process, then the stale buckets of the nodes whose view changed. */
    private record Fetched(List<ControlClient.LiveReport> reports, List<ViewChange> changes, String foreignCluster)
    {
    }

    /** @return whether reports naming this cluster are kept (the first cluster named is adopted when none was given) */
    private boolean ofThisCluster(final String named)
    {
        if (named == null)
        {
            return true; // a daemon that names no cluster cannot be told apart
        }
        synchronized (droppedForeignCluster)
        {
            if (cluster == null)
            {
                cluster = named;
            }
            return cluster.equals(named);
        }
    }

    /** @return the cluster whose reports are kept (null: none given or named yet) */
    public String cluster()
    {
        return cluster;
    }

    /**
     * @return reports dropped by reason: another cluster, another schema version, forged, malformed (fields or groups
     * past the datagram), unasked (in a batch's answer, a node not named or named once but answered twice); cumulative
     */
    public Map<String, Long> droppedReports()
    {
        long forged = 0;
        long wrongVersion = 0;
        long malformed = 0;
        long unasked = 0;
        for (final ControlClient client : clients)
        {
            forged += client.repliesForged();
            wrongVersion += client.repliesWrongVersion();
            malformed += client.repliesMalformed();
            unasked += client.repliesUnasked();
        }
        final Map<String, Long> dropped = new LinkedHashMap<>();
        dropped.put("foreign_cluster", droppedForeignCluster.get());
        dropped.put("wrong_version", wrongVersion);
        dropped.put("forged", forged);
        dropped.put("malformed", malformed);
        dropped.put("unasked", unasked);
        return dropped;
    }

    /** An entry of an observer's view that changed (logged on the poll thread: the log has one writer thread). */
    private record ViewChange(long observer, long wallNs, ControlClient.Member member)
    {
    }

    /**
     * One process's reports: one request for every node's digests, then the stale buckets of the nodes whose view
     * changed in batches ({@link ControlClient#liveBatches}), each naming at most {@value #BATCH_NODES} nodes and at
     * most about {@value #BATCH_ANSWER_BYTES} bytes of expected answers, sent together while their answers stay under
     * {@value #IN_FLIGHT_BYTES} bytes (the next ones go when those are answered). A bucket whose digest another node of the batch also
     * reports is asked of the first only (the others take it from the matrix in the next round). At most
     * {@value #BATCH_ROUNDS} rounds; what is still stale then is asked at the next poll.
     */
    private Fetched fetch(final ControlClient client, final long origin, final long sequence)
    {
        final List<ViewChange> changes = new ArrayList<>();
        try
        {
            final ControlClient.LiveAnswer answer = client.liveAnswer(0, 0, budgetBytes, origin, sequence);
            if (!ofThisCluster(answer.cluster()))
            {
                droppedForeignCluster.addAndGet(answer.reports().size());
                return new Fetched(List.of(), List.of(), answer.cluster());
            }
            final List<ControlClient.LiveReport> reports = answer.reports();
            final Map<Long, ControlClient.LiveReport> last = new LinkedHashMap<>(reports.size() * 2);
            List<ControlClient.LiveReport> pending = new ArrayList<>();
            for (final ControlClient.LiveReport r : reports)
            {
                last.put(r.nodeAddress(), r);
                final long stale;
                synchronized (matrix)
                {
                    stale = matrix.onDigests(r.nodeAddress(), r.bucketDigests(), changeSink(r, changes));
                }
                if (stale != 0)
                {
                    pending.add(r);
                }
            }
            for (int round = 0; round < BATCH_ROUNDS && !pending.isEmpty(); round++)
            {
                pending = fetchStale(client, pending, last, changes, origin, sequence);
            }
            return new Fetched(new ArrayList<>(last.values()), changes, null);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /** the most nodes one batch names */
    public static final int BATCH_NODES = 256;
    /**
     * a batch names nodes until their expected answers reach about this many bytes (a daemon's answers wait in its
     * control socket's send buffer until the master reads them: the batch stays well within it)
     */
    public static final int BATCH_ANSWER_BYTES = 256 * 1024;
    /** the batches of a round are sent together while their expected answers stay under this many bytes */
    public static final int IN_FLIGHT_BYTES = 2 * 1024 * 1024;
    /** batch rounds per process and poll (what is still stale after them is fetched at the next poll) */
    public static final int BATCH_ROUNDS = 3;
    /** a live report without entries, bytes (64 digests, counters) */
    private static final int REPORT_BYTES = 1_100;
    /** one entry of a live report, bytes */
    private static final int ENTRY_BYTES = 17;

    /**
     * One round: the stale buckets of {@code pending} (those not taken from the matrix meanwhile), in batches sent
     * together (one round trip to the daemon), at most {@value #IN_FLIGHT_BYTES} bytes of expected answers in flight.
     *
     * @return the nodes still stale (a report lost, a bucket left to another node of the batch or that did not fit)
     */
    private List<ControlClient.LiveReport> fetchStale(
        final ControlClient client, final List<ControlClient.LiveReport> pending,
        final Map<Long, ControlClient.LiveReport> last, final List<ViewChange> changes, final long origin,
        final long sequence)
    {
        final List<ControlClient.LiveReport> again = new ArrayList<>();
        final org.agrona.collections.LongHashSet asked = new org.agrona.collections.LongHashSet();
        final int datagramBytes = budgetBytes <= 0 ? 65_507 : budgetBytes;
        final int maxBatches = Math.max(1, IN_FLIGHT_BYTES / BATCH_ANSWER_BYTES);
        final long[][] nodes = new long[maxBatches][BATCH_NODES];
        final long[][] masks = new long[maxBatches][BATCH_NODES];
        final int[] counts = new int[maxBatches];
        final Map<Long, ControlClient.LiveReport> named = new HashMap<>();
        int i = 0;
        while (i < pending.size())
        {
            int batches = 0;
            named.clear();
            asked.clear();
            while (i < pending.size() && batches < maxBatches)
            {
                int count = 0;
                long bytes = 0;
                while (i < pending.size() && count < BATCH_NODES && bytes < BATCH_ANSWER_BYTES)
                {
                    final ControlClient.LiveReport r = pending.get(i++);
                    long stale;
                    synchronized (matrix)
                    {
                        // buckets fetched from another node meanwhile are taken from the matrix
                        stale = matrix.onDigests(r.nodeAddress(), r.bucketDigests(), changeSink(r, changes));
                    }
                    long mask = 0;
                    for (long left = stale; left != 0; left &= left - 1)
                    {
                        final int b = Long.numberOfTrailingZeros(left);
                        if (asked.add(r.bucketDigests()[b] * 0x9E3779B97F4A7C15L + b))
                        {
                            mask |= 1L << b;
                        }
                    }
                    if (mask == 0)
                    {
                        if (stale != 0)
                        {
                            again.add(r); // another node of these batches brings the same bucket
                        }
                        continue;
                    }
                    nodes[batches][count] = r.nodeAddress();
                    masks[batches][count++] = mask;
                    named.put(r.nodeAddress(), r);
                    bytes += Math.min(datagramBytes,
                        REPORT_BYTES + (long)ENTRY_BYTES * r.memberCount() * Long.bitCount(mask) / LiveView.BUCKETS);
                }
                if (count > 0)
                {
                    counts[batches++] = count;
                }
            }
            if (batches == 0)
            {
                continue;
            }
            final List<ControlClient.LiveReport> answers;
            try
            {
                answers = client.liveBatches(nodes, masks, counts, batches, budgetBytes, origin, sequence).reports();
            }
            catch (final IOException ex)
            {
                continue; // these nodes' states stand; their views are fetched again at the next poll
            }
            for (final ControlClient.LiveReport page : answers)
            {
                named.remove(page.nodeAddress());
                last.put(page.nodeAddress(), page);
                final long stale;
                synchronized (matrix)
                {
                    final ViewMatrix.ChangeSink sink = changeSink(page, changes);
                    matrix.onDigests(page.nodeAddress(), page.bucketDigests(), sink);
                    matrix.onEntries(page.nodeAddress(), page.bucketsIncluded(), page.members(), sink);
                    stale = matrix.staleBuckets(page.nodeAddress());
                }
                if (stale != 0 && page.bucketsIncluded() != 0)
                {
                    again.add(page); // more than fitted in one datagram, or changed meanwhile
                }
            }
            again.addAll(named.values()); // reports lost on the way: asked again in the next round
        }
        return again;
    }

    /** @return where the matrix tells the view entries that changed in a report (null: no log to write them to) */
    private ViewMatrix.ChangeSink changeSink(final ControlClient.LiveReport r, final List<ViewChange> changes)
    {
        return log == null ? null : (observer, member, incarnation, status) ->
            changes.add(new ViewChange(observer, r.wallNs(), new ControlClient.Member(member, incarnation, status)));
    }

    private void absorb(final int endpoint, final ControlClient.LiveReport r, final long nowMs, final TrackedEvent e)
    {
        reportsTotal++;
        final long node = r.nodeAddress();
        final ControlClient.LiveReport before = latest.put(node, r);
        synchronized (latestForMetrics)
        {
            latestForMetrics.put(node, r);
        }
        if (before != null)
        {
            previous.put(node, before);
            previousAtMs.put(node, reportedAtMs.get(node));
        }
        reportedAtMs.put(node, nowMs);
        endpointOf.put(node, endpoint);
        synchronized (matrix)
        {
            matrix.onSelf(node, r.state() == HostedNodeState.RUNNING || r.state() == HostedNodeState.ASLEEP, r.incarnation());
        }
        if (e != null && r.knowsEvent() && !learnedAtMs.containsKey(node))
        {
            learnedAtMs.put(node, nowMs);
            for (final java.util.function.LongConsumer listener : learnLatencyListeners)
            {
                listener.accept(nowMs - e.injectedAtMs());
            }
            if (log != null)
            {
                log.eventLearned(nowMs * 1_000_000L, System.nanoTime(), node, e.originAddress(), e.sequence(),
                    e.injectedAtMs() * 1_000_000L, r.round(), 0, 0, Channel.PIGGYBACK, 0);
            }
        }
        if (log != null)
        {
            final long monoNs = System.nanoTime();
            log.nodeState(r.wallNs(), monoNs, node, nowMs * 1_000_000L, r.state().value(), r.incarnation(),
                r.healthScore(), r.round(), r.aliveMembers(), r.suspectMembers(), r.deadMembers(), r.eventsLearned(),
                r.duplicateEvents(), r.suspicionsRaised(), r.refutations(), e != null && r.knowsEvent());
            log.nodeStats(r.wallNs(), monoNs, node, r.messagesOut(), r.messagesIn(), bytes(r, false),
                bytes(r, true), r.totalDrops(), 0);
        }
    }

    private static long bytes(final ControlClient.LiveReport r, final boolean in)
    {
        long n = 0;
        for (final ControlClient.Traffic t : r.traffic())
        {
            n += in ? t.bytesIn() : t.bytesOut();
        }
        return n;
    }

    /** metric label of a live report's drop reason index: the DropReason in lower case, the last one {@code shell} */
    static String dropReasonName(final int index)
    {
        return index < io.hearsay.wire.DropReason.values().length ? io.hearsay.wire.DropReason.fromOrdinal(index).metricName() :
            "shell";
    }

    private static Map<String, Long> byName(final long[] counts, final java.util.function.IntFunction<String> name)
    {
        final Map<String, Long> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++)
        {
            named.put(name.apply(i), counts[i]);
        }
        return named;
    }

    private Snapshot publish(final long startMs, final List<String> silent)
    {
        final long nowMs = System.currentTimeMillis();
        final TrackedEvent e = event;
        final List<NodeRow> rows = new ArrayList<>(latest.size());
        long alive = 0;
        long suspect = 0;
        long dead = 0;
        long in = 0;
        long out = 0;
        long drops = 0;
        final long[] dropsByReason = new long[io.hearsay.wire.DropReason.values().length + 1];
        final long[] refusalsByReason = new long[io.hearsay.core.Refusal.values().length];
        long learned = 0;
        long duplicates = 0;
        int running = 0;
        for (final Map.Entry<Long, ControlClient.LiveReport> entry : latest.entrySet())
        {
            final ControlClient.LiveReport r = entry.getValue();
            final ControlClient.LiveReport p = previous.get(entry.getKey());
            final long atMs = reportedAtMs.get(entry.getKey());
            double rate = 0;
            if (p != null)
            {
                final long spanMs = Math.max(1, atMs - previousAtMs.get(entry.getKey()));
                rate = (r.messagesIn() + r.messagesOut() - p.messagesIn() - p.messagesOut()) * 1000.0 / spanMs;
            }
            final InetSocketAddress endpoint = endpoints.get(endpointOf.get(entry.getKey()));
            rows.add(new NodeRow(Addresses.toString(r.nodeAddress()), r.nodeAddress(),
                endpoint.getHostString() + ":" + endpoint.getPort(), r.state().name(), r.incarnation(), r.healthScore(),
                r.round(), r.memberCount(), r.aliveMembers(), r.suspectMembers(), r.deadMembers(), r.eventsLearned(),
                r.duplicateEvents(), r.suspicionsRaised(), r.refutations(), r.messagesIn(), r.messagesOut(),
                bytes(r, true), bytes(r, false), r.totalDrops(), rate, e != null && learnedAtMs.containsKey(r.nodeAddress()),
                nowMs - atMs, r.probeRttP50Us(), r.probeRttP99Us()));
            alive += r.aliveMembers();
            suspect += r.suspectMembers();
            dead += r.deadMembers();
            in += r.messagesIn();
            out += r.messagesOut();
            drops += r.totalDrops();
            for (int i = 0; i < dropsByReason.length && i < r.drops().length; i++)
            {
                dropsByReason[i] += r.drops()[i];
            }
            for (int i = 0; i < refusalsByReason.length && i < r.refusals().length; i++)
            {
                refusalsByReason[i] += r.refusals()[i];
            }
            learned += r.eventsLearned();
            duplicates += r.duplicateEvents();
            running += r.state() == HostedNodeState.RUNNING ? 1 : 0;
        }
        rows.sort(Comparator.comparingLong(NodeRow::address));
        final double spanS = lastSampleMs == 0 ? 0 : Math.max(0.001, (nowMs - lastSampleMs) / 1000.0);
        history.addLast(new Sample(nowMs, rows.size(), running, alive, suspect, dead,
            spanS == 0 ? 0 : (in - lastIn) / spanS, spanS == 0 ? 0 : (out - lastOut) / spanS,
            spanS == 0 ? 0 : (drops - lastDrops) / spanS, learned, duplicates));
        while (history.size() > HISTORY_SAMPLES)
        {
            history.removeFirst();
        }
        lastSampleMs = nowMs;
        lastIn = in;
        lastOut = out;
        lastDrops = drops;
        final ViewMatrix.HeatMap heatMap;
        final List<ViewMatrix.Disagreement> disagreements;
        final int[] total = new int[1];
        final long entries;
        synchronized (matrix)
        {
            heatMap = matrix.heatMap();
            disagreements = matrix.disagreements(DISAGREEMENTS_LISTED, total);
            entries = matrix.entries();
        }
        final List<long[]> curve = new ArrayList<>();
        final List<double[]> theory = new ArrayList<>();
        if (e != null)
        {
            curve.add(new long[]{ 0, 0 });
            final List<Long> times = new ArrayList<>(learnedAtMs.values());
            times.sort(Long::compare);
            final int step = Math.max(1, (times.size() + CURVE_POINTS - 1) / CURVE_POINTS);
            for (int i = 0; i < times.size(); i++)
            {
                if (i % step == step - 1 || i == times.size() - 1)
                {
                    curve.add(new long[]{ Math.max(0, times.get(i) - e.injectedAtMs()), i + 1 });
                }
            }
            final int n = Math.max(1, running);
            final double[] fraction = io.hearsay.master.analysis.Theory.meanField("push-pull", n, 1, 0, 60);
            for (int round = 0; round < fraction.length; round++)
            {
                theory.add(new double[]{ round * (double)gossipPeriodMs, fraction[round] * n });
                if (fraction[round] * n > n - 0.5)
                {
                    break;
                }
            }
        }
        final List<Command> commands;
        synchronized (timeline)
        {
            commands = List.copyOf(timeline);
        }
        final Snapshot s = new Snapshot(nowMs, nowMs - startMs, endpoints.size(), List.copyOf(silent), List.copyOf(rows),
            heatMap, total[0], disagreements, e, curve, theory, List.copyOf(history), commands, reportsTotal, entries,
            droppedReports(), cluster, byName(dropsByReason, LiveCollector::dropReasonName),
            byName(refusalsByReason, r -> io.hearsay.core.Refusal.fromOrdinal(r).metricName()));
        snapshot = s;
        return s;
    }

    /**
     * A drill-down into the view matrix: rows [rowFrom, rowTo) x columns [colFrom, colTo) of the sorted node list,
     * at most {@value #HEAT_MAP_BLOCKS} blocks per side (real cells once the range is that small).
     *
     * @throws IllegalArgumentException for an empty or too large range, naming the accepted one
     */
    public ViewMatrix.HeatMap drillDown(final int rowFrom, final int rowTo, final int colFrom, final int colTo)
    {
        synchronized (matrix)
        {
            return matrix.heatMap(rowFrom, rowTo, colFrom, colTo);
        }
    }

    /** @return datagrams by message kind summed over the latest reports: [0] in, [1] out, indexed like NodeCounters' kinds */
    public long[][] trafficByKind()
    {
        final long[][] sums = new long[2][io.hearsay.core.NodeCounters.KIND_TEMPLATE_IDS.length];
        synchronized (latestForMetrics)
        {
            for (final ControlClient.LiveReport r : latestForMetrics.values())
            {
                for (final ControlClient.Traffic t : r.traffic())
                {
                    final int k = io.hearsay.core.NodeCounters.kindIndex(t.templateId());
                    if (k >= 0)
                    {
                        sums[0][k] += t.datagramsIn();
                        sums[1][k] += t.datagramsOut();
                    }
                }
            }
        }
        return sums;
    }

    /** Inject one event at a node (0: the first running node of the first process); it becomes the tracked event. */
    public synchronized ControlClient.Ack inject(final long nodeAddress, final String payload) throws IOException
    {
        final ControlClient client = clientFor(nodeAddress);
        final ControlClient.Ack ack;
        try
        {
            ack = client.inject(nodeAddress, 1, payload);
        }
        catch (final IOException ex)
        {
            record("inject", nodeAddress, nodeAddress == 0 ? "any" : target(nodeAddress), payload, false, ex.getMessage());
            throw ex;
        }
        record("inject", nodeAddress, nodeAddress == 0 ? "any" : target(nodeAddress), payload, ack.ok(), ack.message());
        if (ack.ok())
        {
            final long origin = nodeAddress != 0 ? nodeAddress : Long.parseLong(ack.message().substring("origin=".length()));
            event = new TrackedEvent(Addresses.toString(origin), origin, ack.value(), System.currentTimeMillis());
        }
        return ack;
    }

    /** Apply an impairment spec (the daemons' fault grammar) to a node, or to every node (0). */
    public synchronized List<ControlClient.Ack> impair(final long nodeAddress, final String spec) throws IOException
    {
        final List<ControlClient.Ack> acks = new ArrayList<>();
        for (final ControlClient client : nodeAddress == 0 ? clients : List.of(clientFor(nodeAddress)))
        {
            final ControlClient.Ack ack = client.impair(nodeAddress, spec);
            record("impair", nodeAddress, target(nodeAddress), spec, ack.ok(), ack.message());
            acks.add(ack);
        }
        return acks;
    }

    /** Heal every impairment of a node, or of every node (0). */
    public synchronized List<ControlClient.Ack> heal(final long nodeAddress) throws IOException
    {
        final List<ControlClient.Ack> acks = new ArrayList<>();
        for (final ControlClient client : nodeAddress == 0 ? clients : List.of(clientFor(nodeAddress)))
        {
            final ControlClient.Ack ack = client.heal(nodeAddress);
            record("heal", nodeAddress, target(nodeAddress), "", ack.ok(), ack.message());
            acks.add(ack);
        }
        return acks;
    }

    private static String target(final long nodeAddress)
    {
        return nodeAddress == 0 ? "all" : Addresses.toString(nodeAddress);
    }

    private ControlClient clientFor(final long nodeAddress)
    {
        if (nodeAddress == 0)
        {
            return clients.get(0);
        }
        final Integer endpoint = endpointOf.get(nodeAddress);
        if (endpoint == null)
        {
            throw new IllegalArgumentException("no node " + Addresses.toString(nodeAddress) + " among the reporting nodes");
        }
        return clients.get(endpoint);
    }

    private void record(
        final String action, final long nodeAddress, final String target, final String argument, final boolean ok,
        final String answer)
    {
        final Command command = new Command(System.currentTimeMillis(), action, target, argument, ok, answer);
        if (log != null)
        {
            commandRecords.add(new PendingCommand(command, nodeAddress, System.nanoTime()));
        }
        synchronized (timeline)
        {
            timeline.addLast(command);
            while (timeline.size() > TIMELINE_ENTRIES)
            {
                timeline.removeFirst();
            }
        }
        if (commandLog != null)
        {
            try
            {
                synchronized (commandLog)
                {
                    commandLog.write(Json.MAPPER.writeValueAsString(command));
                    commandLog.write('\n');
                    commandLog.flush();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot append to the master's command log", ex);
            }
        }
    }

    /** A command waiting for the poll thread (the log's one writer) to append it. */
    private record PendingCommand(Command command, long nodeAddress, long monoNs)
    {
    }

    private void appendCommandRecords()
    {
        PendingCommand c;
        while ((c = commandRecords.poll()) != null)
        {
            log.masterCommand(c.command().atMs() * 1_000_000L, c.monoNs(), c.nodeAddress(), c.command().ok(),
                c.command().action(), c.command().argument(), c.command().answer());
        }
    }

    private static <T> T get(final Future<T> f)
    {
        try
        {
            return f.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            return null;
        }
    }

    @Override
    public void close()
    {
        pool.shutdownNow();
        clients.forEach(ControlClient::close);
        if (log != null)
        {
            appendCommandRecords();
            log.close();
        }
        if (commandLog != null)
        {
            try
            {
                commandLog.close();
            }
            catch (final IOException ignored)
            {
                // closing: nothing left to lose
            }
        }
    }
}
