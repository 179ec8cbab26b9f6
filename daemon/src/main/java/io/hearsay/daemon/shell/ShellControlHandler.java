package io.hearsay.daemon.shell;

import io.hearsay.daemon.control.ControlHandler;
import io.hearsay.daemon.control.ControlResponder;
import io.hearsay.core.Addresses;
import io.hearsay.core.Node;
import io.hearsay.core.NodeCounters;
import io.hearsay.daemon.shell.impair.DelayedSendQueue;
import io.hearsay.core.impair.LinkImpairment;
import io.hearsay.wire.sbe.BlockDirection;
import io.hearsay.wire.sbe.ControlCommand;
import io.hearsay.wire.sbe.HostedNodeState;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Carries out control commands on the hosted nodes: REPORT, STATUS, INJECT, IMPAIR, BLOCK, SLEEP, LEAVE, CRASH, HEAL.
 * A command names one node by address or all of the process's nodes (address 0). CRASH of address 0 halts the
 * whole process (after the ack is sent), as a kill -9 would. CRASH of one node with a duration brings it back after it
 * as a fresh boot (new boot id, empty state, same address): a churn test's restart.
 * <p>
 * IMPAIR's argument is a {@link LinkImpairment} in the fault grammar (e.g. {@code loss p=0.1; delay dist=20ms}), optionally followed by {@code ;peers=a.b.c.d:p,...} to impair only
 * the traffic towards those peers. BLOCK's argument is a peer list {@code a.b.c.d:p,...}.
 */
public final class ShellControlHandler implements ControlHandler
{
    /** the longest SLEEP (ms): a day; beyond it the ms to ns conversion would soon overflow */
    public static final long MAX_SLEEP_MS = 86_400_000L;
    /** the most events one INJECT creates (each node also bounds what it holds: maxRetainedRumors) */
    public static final int MAX_INJECT_COUNT = 100_000;

    /** what CRASH of a whole process does; tests replace it */
    @FunctionalInterface
    public interface ProcessHalt
    {
        void halt();
    }

    private final HostedNode[] nodes;
    private final String clusterName;
    private final Long2ObjectHashMap<HostedNode> byAddress = new Long2ObjectHashMap<>();
    private final ShellClock clock;
    private final DelayedSendQueue delayQueue;
    private final long processBootId;
    private final ProcessHalt halt;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[0]);
    private final int[] memberCount = new int[1];
    private final io.hearsay.daemon.control.LiveView liveView = new io.hearsay.daemon.control.LiveView();
    /** the node whose live report is being written, and a visit of its table made once (no allocation per report) */
    private Node reportingNode;
    private final java.util.function.Consumer<Node.MemberVisitor> reportingMembers =
        visitor -> reportingNode.forEachMember(visitor);

    /** REPORT's count for live reports: 2 = digests only, 3 = digests and the entries of the buckets in durationMs */
    public static final int LIVE_REPORT = 2;

    public ShellControlHandler(
        final HostedNode[] nodes,
        final ShellClock clock,
        final DelayedSendQueue delayQueue,
        final long processBootId,
        final ProcessHalt halt)
    {
        this(nodes, clock, delayQueue, processBootId, halt, null);
    }

    /** @param clusterName named in the ack of live reports (the master drops reports of another cluster); null: none */
    public ShellControlHandler(
        final HostedNode[] nodes,
        final ShellClock clock,
        final DelayedSendQueue delayQueue,
        final long processBootId,
        final ProcessHalt halt,
        final String clusterName)
    {
        this.clusterName = clusterName;
        this.nodes = nodes;
        this.clock = clock;
        this.delayQueue = delayQueue;
        this.processBootId = processBootId;
        this.halt = halt;
        for (final HostedNode node : nodes)
        {
            byAddress.put(node.address(), node);
        }
    }

    public void onControl(
        final long requestId, final ControlCommand command, final long nodeAddress, final long durationMs,
        final int count, final BlockDirection direction, final long eventOrigin, final long eventSequence,
        final String argument, final ControlResponder responder)
    {
        final long nowNs = clock.nowNs();
        if (nodeAddress != 0 && !byAddress.containsKey(nodeAddress))
        {
            responder.ack(requestId, false, 0, 0, "no hosted node " + Addresses.toString(nodeAddress) + " here");
            return;
        }
        switch (command)
        {
            case STATUS:
                status(requestId, eventOrigin, eventSequence, responder, nowNs);
                return;
            case REPORT:
                if (count >= LIVE_REPORT)
                {
                    liveReport(requestId, nodeAddress, count > LIVE_REPORT ? durationMs : 0, eventOrigin, eventSequence,
                        responder, nowNs);
                    return;
                }
                report(requestId, nodeAddress, count > 0, eventOrigin, eventSequence, responder, nowNs);
                return;
            case INJECT:
                inject(requestId, nodeAddress, count, argument, responder, nowNs);
                return;
            case CRASH:
                if (durationMs < 0 || durationMs > MAX_SLEEP_MS)
                {
                    responder.ack(requestId, false, 0, 0, "crash duration " + durationMs + " ms; accepted: 0 (stay " +
                        "down) or 1.." + MAX_SLEEP_MS + " (come back as a fresh boot after it)");
                    return;
                }
                if (durationMs > 0 && (nodeAddress == 0 || byAddress.get(nodeAddress).applicationHost() != null))
                {
                    responder.ack(requestId, false, 0, 0, nodeAddress == 0 ?
                        "a crash with a restart names one node; a whole process is restarted by its supervisor" :
                        "node " + Addresses.toString(nodeAddress) + " hosts applications; it is not restarted in place");
                    return;
                }
                if (nodeAddress == 0)
                {
                    responder.ack(requestId, true, nodes.length, nodes.length, "halting process");
                    halt.halt();
                    return;
                }
                break;
            default:
                break;
        }
        final LinkImpairment spec;
        final long[] peers;
        try
        {
            if (command == ControlCommand.IMPAIR)
            {
                final int split = argument.indexOf(";peers=");
                spec = LinkImpairment.parse("IMPAIR", split < 0 ? argument : argument.substring(0, split));
                peers = split < 0 ? null : parsePeers(argument.substring(split + ";peers=".length()));
            }
            else if (command == ControlCommand.BLOCK)
            {
                spec = null;
                peers = parsePeers(argument);
            }
            else if (command == ControlCommand.SLEEP && (durationMs <= 0 || durationMs > MAX_SLEEP_MS))
            {
                throw new IllegalArgumentException(
                    "sleep duration " + durationMs + " ms; accepted: 1.." + MAX_SLEEP_MS + " (one day)");
            }
            else
            {
                spec = null;
                peers = null;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            responder.ack(requestId, false, 0, 0, ex.getMessage());
            return;
        }
        int affected = 0;
        for (final HostedNode node : nodes)
        {
            if ((nodeAddress == 0 || node.address() == nodeAddress) && !node.isCrashed())
            {
                apply(command, node, spec, peers, direction, durationMs, nowNs);
                affected++;
            }
        }
        responder.ack(requestId, true, affected, affected, command.name().toLowerCase() + " applied to " + affected + " node(s)");
    }

    private void apply(
        final ControlCommand command, final HostedNode node, final LinkImpairment spec, final long[] peers,
        final BlockDirection direction, final long durationMs, final long nowNs)
    {
        switch (command)
        {
            case IMPAIR:
                if (peers == null)
                {
                    node.impairment().impair(spec);
                }
                else
                {
                    for (final long peer : peers)
                    {
                        node.impairment().impairPeer(peer, spec);
                    }
                }
                break;
            case BLOCK:
                for (final long peer : peers)
                {
                    if (direction != BlockDirection.INBOUND)
                    {
                        node.impairment().blockOutbound(peer);
                    }
                    if (direction != BlockDirection.OUTBOUND)
                    {
                        node.impairment().blockInbound(peer);
                    }
                }
                break;
            case SLEEP:
                node.impairment().sleep(nowNs, durationMs * 1_000_000L);
                delayQueue.discardNode(node.index());
                break;
            case LEAVE:
                node.protocol().leave(nowNs);
                node.markLeft();
                break;
            case CRASH:
                if (durationMs > 0)
                {
                    node.crashUntil(nowNs + durationMs * 1_000_000L);
                }
                else
                {
                    node.crash();
                }
                break;
            case HEAL:
                node.impairment().heal();
                break;
            default:
                throw new IllegalArgumentException("unknown command " + command);
        }
    }

    private void status(
        final long requestId, final long origin, final long sequence, final ControlResponder responder, final long nowNs)
    {
        int running = 0;
        int minLive = Integer.MAX_VALUE;
        int maxLive = 0;
        int knowing = 0;
        long learned = 0;
        long sent = 0;
        long received = 0;
        for (final HostedNode node : nodes)
        {
            final NodeCounters c = node.protocol().counters();
            learned += c.eventsLearned;
            sent += c.messagesSent;
            received += c.messagesReceived;
            if (node.state(nowNs) != HostedNodeState.RUNNING)
            {
                continue;
            }
            running++;
            final int live = node.protocol().liveMemberCount();
            minLive = Math.min(minLive, live);
            maxLive = Math.max(maxLive, live);
            if (origin != 0 && node.protocol().knowsEvent(origin, sequence))
            {
                knowing++;
            }
        }
        responder.processStatus(requestId, processBootId, nodes.length, running, running == 0 ? 0 : minLive, maxLive,
            knowing, learned, sent, received, nodes[0].address());
    }

    private void report(
        final long requestId, final long nodeAddress, final boolean withMembers, final long origin,
        final long sequence, final ControlResponder responder, final long nowNs)
    {
        int reported = 0;
        for (final HostedNode node : nodes)
        {
            if (nodeAddress != 0 && node.address() != nodeAddress)
            {
                continue;
            }
            final Node p = node.protocol();
            final NodeCounters c = p.counters();
            memberCount[0] = 0;
            if (withMembers)
            {
                p.forEachMember((address, status, incarnation, bootId) -> memberCount[0]++);
            }
            responder.beginReport(requestId, node.address(), node.bootId(), p.incarnation(), p.round(), clock.freshWallNs(),
                c.messagesSent, c.messagesReceived, c.totalDrops() + node.shellDrops(), (int)c.eventsLearned,
                p.liveMemberCount(), node.state(nowNs), origin != 0 && p.knowsEvent(origin, sequence), memberCount[0]);
            if (withMembers)
            {
                p.forEachMember((address, status, incarnation, bootId) -> responder.reportMember(address, incarnation, status));
            }
            responder.endReport();
            reported++;
        }
        responder.ack(requestId, true, reported, reported, "reported " + reported + " node(s)" +
            refusalSummary(nodeAddress));
    }

    private void liveReport(
        final long requestId, final long nodeAddress, final long bucketsWanted, final long origin, final long sequence,
        final ControlResponder responder, final long nowNs)
    {
        int reported = 0;
        if (nodeAddress != 0)
        {
            liveReport(requestId, byAddress.get(nodeAddress), bucketsWanted, origin, sequence, responder, nowNs);
            reported++;
        }
        else
        {
            for (final HostedNode node : nodes)
            {
                liveReport(requestId, node, bucketsWanted, origin, sequence, responder, nowNs);
                reported++;
            }
        }
        responder.ack(requestId, true, reported, reported, "reported " + reported + " node(s)" +
            (clusterName == null ? "" : "; " + io.hearsay.daemon.control.ControlClient.CLUSTER_MARK + clusterName));
    }

    /** One node's live report: its digest is copied from its member table (O(buckets)); the table is walked only
     * when bucket entries are asked for. Allocation-free. */
    private void liveReport(
        final long requestId, final HostedNode node, final long bucketsWanted, final long origin, final long sequence,
        final ControlResponder responder, final long nowNs)
    {
        final Node p = node.protocol();
        p.copyViewDigest(liveView);
        reportingNode = p;
        responder.liveReport(requestId, node.address(), node.bootId(), node.state(nowNs), p.incarnation(),
            p.healthScore(), p.round(), clock.wallNs(), origin != 0 && p.knowsEvent(origin, sequence), p.counters(),
            node.shellDrops(), liveView, reportingMembers, bucketsWanted);
        reportingNode = null;
    }

    private void inject(
        final long requestId, final long nodeAddress, final int count, final String argument,
        final ControlResponder responder, final long nowNs)
    {
        HostedNode origin = nodeAddress == 0 ? null : byAddress.get(nodeAddress);
        if (origin == null)
        {
            for (final HostedNode node : nodes)
            {
                if (node.state(nowNs) == HostedNodeState.RUNNING)
                {
                    origin = node;
                    break;
                }
            }
        }
        if (origin == null || origin.state(nowNs) != HostedNodeState.RUNNING)
        {
            responder.ack(requestId, false, 0, 0, "no running node to inject at");
            return;
        }
        if (count > MAX_INJECT_COUNT)
        {
            responder.ack(requestId, false, 0, 0,
                "inject count " + count + " is out of range; accepted: 1.." + MAX_INJECT_COUNT);
            return;
        }
        final byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
        payload.wrap(bytes);
        long first = -1;
        int created = 0;
        try
        {
            for (int i = 0; i < Math.max(1, count); i++)
            {
                final long sequence = origin.protocol().broadcast(nowNs, clock.wallNs(), payload, 0, bytes.length);
                if (i == 0)
                {
                    first = sequence;
                }
                created++;
            }
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            responder.ack(requestId, false, first, created, ex.getMessage() +
                (created > 0 ? " (" + created + " event(s) created first, from sequence " + first + ")" : ""));
            return;
        }
        responder.ack(requestId, true, first, Math.max(1, count), "origin=" + origin.address());
    }

    /**
     * What the reported nodes dropped and refused, by reason (non-zero only), e.g.
     * {@code ; dropped wrong_cluster=3 malformed=1; refused unverified_sender=10000}; empty when nothing was.
     */
    private String refusalSummary(final long nodeAddress)
    {
        final long[] drops = new long[io.hearsay.wire.DropReason.values().length];
        final long[] refusals = new long[io.hearsay.core.Refusal.values().length];
        for (final HostedNode node : nodes)
        {
            if (nodeAddress == 0 || node.address() == nodeAddress)
            {
                final NodeCounters c = node.protocol().counters();
                for (int i = 0; i < drops.length; i++)
                {
                    drops[i] += c.drops[i];
                }
                for (int i = 0; i < refusals.length; i++)
                {
                    refusals[i] += c.refusals[i];
                }
            }
        }
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < drops.length; i++)
        {
            if (drops[i] > 0)
            {
                sb.append(sb.length() == 0 ? "; dropped" : "").append(' ')
                    .append(io.hearsay.wire.DropReason.fromOrdinal(i).metricName())
                    .append('=').append(drops[i]);
            }
        }
        final int dropsEnd = sb.length();
        for (int i = 0; i < refusals.length; i++)
        {
            if (refusals[i] > 0)
            {
                sb.append(sb.length() == dropsEnd ? "; refused" : "").append(' ')
                    .append(io.hearsay.core.Refusal.fromOrdinal(i).metricName()).append('=').append(refusals[i]);
            }
        }
        return sb.toString();
    }

    /** {@code a.b.c.d:p,a.b.c.d:p}; the error names the bad entry. */
    public static long[] parsePeers(final String text)
    {
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            throw new IllegalArgumentException("empty peer list; accepted: a.b.c.d:port[,a.b.c.d:port...]");
        }
        final String[] parts = trimmed.split(",");
        final long[] peers = new long[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            peers[i] = Addresses.parse(parts[i].trim());
        }
        return peers;
    }
}
