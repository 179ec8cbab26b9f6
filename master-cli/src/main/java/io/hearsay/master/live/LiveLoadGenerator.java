package io.hearsay.master.live;

import io.hearsay.core.Addresses;
import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.Node;
import io.hearsay.core.NodeCounters;
import io.hearsay.daemon.control.ControlAuth;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.daemon.control.ControlHandler;
import io.hearsay.daemon.control.ControlPoller;
import io.hearsay.daemon.control.ControlResponder;
import io.hearsay.daemon.control.LiveView;
import io.hearsay.daemon.shell.ShellControlHandler;
import io.hearsay.records.log.EventLogWriter;
import io.hearsay.wire.sbe.BlockDirection;
import io.hearsay.wire.sbe.ControlCommand;
import io.hearsay.wire.sbe.HostedNodeState;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A load generator for the master's side of the live view: {@code processes} control endpoints on loopback that answer
 * the master's REPORT requests with real SBE {@code LiveReport}s (the daemons' own encoder, {@link ControlPoller}) for
 * {@code nodes} distinct node identities, each with a view of all of them. It is not a cluster: nobody gossips. The
 * views change as a cluster's would (every {@code changeEveryMs} one member refutes with a higher incarnation and the
 * nodes adopt it over {@value #ADOPTION_SPREAD_MS} ms, so incarnation splits come and go), and an INJECT starts an event
 * that the nodes "learn" on a schedule (node at rank r after {@code periodMs x log2(1 + r)}), written to the generator's
 * own event log so the master's log can be compared with it ({@code ./hearsay curves}). Views are shared between nodes of
 * the same epoch, so the generator's cost is O(reports), not O(N^2). Single thread; bounded by the caller's duration.
 */
public final class LiveLoadGenerator implements AutoCloseable
{
    /** the nodes adopt a new view over this long (node k after (k mod 20) x 50 ms) */
    public static final long ADOPTION_SPREAD_MS = 1000;

    private final int nodes;
    private final long[] addresses;
    private final long changeEveryMs;
    private final long periodMs;
    private final long startMs;
    private final String clusterName;
    private final List<ControlPoller> pollers = new ArrayList<>();
    private final Selector selector;
    private final EventLogWriter log;
    private final long bootId;
    /** per node: the time it learns the current event (ms, wall), its rank in the schedule */
    private final long[] learnAtMs;
    /** the origin of the current event and the rank of the next node whose learning is to be logged */
    private int originIndex;
    private int nextRank;
    private final NodeCounters counters = new NodeCounters();
    private long eventSequence;
    private long eventOrigin;
    private long reportsSent;
    /** the views of the two latest epochs (a node holds one or the other) */
    private long viewEpoch = -1;
    private final LiveView current = new LiveView();
    private final LiveView previous = new LiveView();
    private long[][] bucketMembersCurrent;
    private long[][] bucketMembersPrevious;

    /**
     * @param clusterName named in the acks (as a daemon does)
     * @param auth        answers signed with it (as a daemon with a token or key); null = unsigned
     * @param logDir      the generator's event log (a Chronicle queue, the node logs' layout); null = none
     */
    public LiveLoadGenerator(
        final int nodes, final int processes, final long changeEveryMs, final long periodMs, final String clusterName,
        final ControlAuth auth, final Path logDir, final long seed) throws IOException
    {
        if (nodes < 1 || processes < 1 || processes > nodes)
        {
            throw new IllegalArgumentException("live-load: " + nodes + " nodes in " + processes + " processes; accepted: " +
                "nodes >= 1, 1 <= processes <= nodes");
        }
        if (changeEveryMs < ADOPTION_SPREAD_MS || periodMs < 1)
        {
            throw new IllegalArgumentException("live-load: change every " + changeEveryMs + " ms, period " + periodMs +
                " ms; accepted: change >= " + ADOPTION_SPREAD_MS + " ms, period >= 1 ms");
        }
        this.nodes = nodes;
        this.changeEveryMs = changeEveryMs;
        this.periodMs = periodMs;
        this.clusterName = clusterName;
        this.startMs = System.currentTimeMillis();
        this.bootId = new Random(seed).nextLong();
        addresses = new long[nodes];
        for (int k = 0; k < nodes; k++)
        {
            // 10.0.0.0/8, one address per node, the gossip port
            addresses[k] = Addresses.pack(0x0A000000 | (k + 1), 7946);
        }
        learnAtMs = new long[nodes];
        java.util.Arrays.fill(learnAtMs, Long.MAX_VALUE);
        log = logDir == null ? null : new EventLogWriter(logDir);
        selector = Selector.open();
        final int per = nodes / processes;
        for (int p = 0; p < processes; p++)
        {
            final int from = p * per + Math.min(p, nodes % processes);
            final int to = from + per + (p < nodes % processes ? 1 : 0);
            final ControlPoller poller = new ControlPoller(new InetSocketAddress("127.0.0.1", 0), new Process(from, to), auth);
            poller.register(selector);
            pollers.add(poller);
        }
    }

    public List<InetSocketAddress> endpoints()
    {
        final List<InetSocketAddress> endpoints = new ArrayList<>();
        pollers.forEach(p -> endpoints.add(p.localAddress()));
        return endpoints;
    }

    public long reportsSent()
    {
        return reportsSent;
    }

    /** Answer requests until {@code durationMs} has passed (or the thread is interrupted). */
    public void run(final long durationMs) throws IOException
    {
        final long endMs = System.currentTimeMillis() + durationMs;
        while (!Thread.currentThread().isInterrupted() && System.currentTimeMillis() < endMs)
        {
            selector.select(50);
            selector.selectedKeys().clear();
            for (final ControlPoller poller : pollers)
            {
                while (poller.poll() > 0)
                {
                    // drain
                }
            }
            logLearned(System.currentTimeMillis());
        }
    }

    /**
     * Write an EVENT_LEARNED for every node whose scheduled learning time has passed (stamped with that time), in rank
     * order from where the last call stopped: O(nodes learning since), not O(N) per call.
     */
    private void logLearned(final long nowMs)
    {
        if (log == null || eventSequence == 0)
        {
            return;
        }
        while (nextRank < nodes)
        {
            final int k = (originIndex + nextRank) % nodes;
            if (learnAtMs[k] > nowMs)
            {
                return;
            }
            log.eventLearned(learnAtMs[k] * 1_000_000L, System.nanoTime(), addresses[k], eventOrigin, eventSequence,
                learnAtMs[originIndex] * 1_000_000L, 0, 0, 0, Channel.PIGGYBACK, 0);
            nextRank++;
        }
    }

    /** @return the epoch whose view node k holds at nowMs */
    private long epochOf(final int k, final long nowMs)
    {
        final long since = nowMs - startMs - (k % 20) * (ADOPTION_SPREAD_MS / 20);
        return since < 0 ? 0 : since / changeEveryMs;
    }

    /** @return the incarnation of member m in the view of epoch e (member (e' - 1) mod N refuted at each e' in 1..e) */
    private long incarnation(final int m, final long epoch)
    {
        return epoch - 1 < m ? 0 : (epoch - 1 - m) / nodes + 1;
    }

    /** Bring the two cached views up to the epoch {@code latest} (each costs O(N), once per epoch). */
    private void ensureViews(final long latest)
    {
        if (latest == viewEpoch)
        {
            return;
        }
        fill(previous, Math.max(0, latest - 1));
        bucketMembersPrevious = bucketMembers();
        fill(current, latest);
        bucketMembersCurrent = bucketMembers();
        viewEpoch = latest;
    }

    private void fill(final LiveView view, final long epoch)
    {
        view.reset();
        for (int m = 0; m < nodes; m++)
        {
            view.onMember(addresses[m], MemberStatus.ALIVE, incarnation(m, epoch), 0);
        }
    }

    /** @return per bucket, the member indices in it (so a report visits only the buckets asked for) */
    private long[][] bucketMembers()
    {
        final int[] counts = new int[LiveView.BUCKETS];
        for (int m = 0; m < nodes; m++)
        {
            counts[LiveView.bucketOf(addresses[m])]++;
        }
        final long[][] members = new long[LiveView.BUCKETS][];
        for (int b = 0; b < LiveView.BUCKETS; b++)
        {
            members[b] = new long[counts[b]];
            counts[b] = 0;
        }
        for (int m = 0; m < nodes; m++)
        {
            final int b = LiveView.bucketOf(addresses[m]);
            members[b][counts[b]++] = m;
        }
        return members;
    }

    /** The nodes of one control endpoint. */
    private final class Process implements ControlHandler
    {
        private final int from;
        private final int to;

        Process(final int from, final int to)
        {
            this.from = from;
            this.to = to;
        }

        @Override
        public void onControl(
            final long requestId, final ControlCommand command, final long nodeAddress, final long durationMs,
            final int count, final BlockDirection direction, final long origin, final long sequence,
            final String argument, final ControlResponder responder)
        {
            final long nowMs = System.currentTimeMillis();
            switch (command)
            {
                case REPORT ->
                {
                    if (count < ShellControlHandler.LIVE_REPORT)
                    {
                        responder.ack(requestId, false, 0, 0, "live-load answers live reports only");
                        return;
                    }
                    ensureViews(epochOf(0, nowMs));
                    final long wanted = count > ShellControlHandler.LIVE_REPORT ? durationMs : 0;
                    int reported = 0;
                    for (int k = from; k < to; k++)
                    {
                        if (nodeAddress != 0 && addresses[k] != nodeAddress)
                        {
                            continue;
                        }
                        report(requestId, k, nowMs, origin, sequence, wanted, responder);
                        reported++;
                    }
                    if (nodeAddress != 0 && reported == 0)
                    {
                        responder.ack(requestId, false, 0, 0, "no hosted node " + Addresses.toString(nodeAddress) + " here");
                        return;
                    }
                    responder.ack(requestId, true, reported, reported, "reported " + reported + " node(s)" +
                        (clusterName == null ? "" : "; " + ControlClient.CLUSTER_MARK + clusterName));
                }
                case INJECT ->
                {
                    final int originIndex = nodeAddress == 0 ? from : indexOf(nodeAddress);
                    if (originIndex < from || originIndex >= to)
                    {
                        responder.ack(requestId, false, 0, 0, "no hosted node " + Addresses.toString(nodeAddress) + " here");
                        return;
                    }
                    startEvent(originIndex, nowMs);
                    responder.ack(requestId, true, eventSequence, 1, "origin=" + eventOrigin);
                }
                default -> responder.ack(requestId, true, 0, 0, command.name().toLowerCase() + " ignored by live-load");
            }
        }

        private void report(
            final long requestId, final int k, final long nowMs, final long origin, final long sequence,
            final long wanted, final ControlResponder responder)
        {
            final boolean old = epochOf(k, nowMs) < viewEpoch;
            final LiveView view = old ? previous : current;
            final long[][] byBucket = old ? bucketMembersPrevious : bucketMembersCurrent;
            final long epoch = old ? Math.max(0, viewEpoch - 1) : viewEpoch;
            final Consumer<Node.MemberVisitor> members = visitor ->
            {
                for (int b = 0; b < LiveView.BUCKETS; b++)
                {
                    if ((wanted & (1L << b)) != 0)
                    {
                        for (final long m : byBucket[b])
                        {
                            visitor.onMember(addresses[(int)m], MemberStatus.ALIVE, incarnation((int)m, epoch), 0);
                        }
                    }
                }
            };
            final boolean knows = origin != 0 && origin == eventOrigin && sequence == eventSequence && learnAtMs[k] <= nowMs;
            responder.liveReport(requestId, addresses[k], bootId, HostedNodeState.RUNNING, incarnation(k, epoch), 0,
                (int)((nowMs - startMs) / periodMs), nowMs * 1_000_000L, knows, counters, 0, view, members, wanted);
            reportsSent++;
        }
    }

    private int indexOf(final long address)
    {
        for (int k = 0; k < nodes; k++)
        {
            if (addresses[k] == address)
            {
                return k;
            }
        }
        return -1;
    }

    /** A new event at node {@code originIndex}: node at rank r (origin first, then by index) learns it after periodMs x log2(1 + r). */
    private void startEvent(final int originIndex, final long nowMs)
    {
        eventSequence++;
        eventOrigin = addresses[originIndex];
        for (int k = 0; k < nodes; k++)
        {
            final int rank = (k - originIndex + nodes) % nodes;
            learnAtMs[k] = nowMs + Math.round(periodMs * Math.log(1 + rank) / Math.log(2));
        }
        this.originIndex = originIndex;
        nextRank = 0;
    }

    @Override
    public void close()
    {
        pollers.forEach(ControlPoller::close);
        try
        {
            selector.close();
        }
        catch (final IOException ignored)
        {
            // closing
        }
        if (log != null)
        {
            log.close();
        }
    }
}
