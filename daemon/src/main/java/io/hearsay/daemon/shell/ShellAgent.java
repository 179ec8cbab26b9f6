package io.hearsay.daemon.shell;

import io.hearsay.wire.DropReason;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.control.ControlPoller;
import io.hearsay.core.NodeCounters;
import io.hearsay.records.log.EventLogWriter;
import io.hearsay.daemon.shell.impair.DelayedSendQueue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * The duty cycle of one daemon process. Each cycle: read the clock once; drain every readable node socket (one
 * {@link Selector}, {@code selectNow} with a consumer: no selected-key set to allocate or clear) into its core; run
 * {@code doWork} for the nodes whose deadline has passed; release due delayed datagrams; serve the control port;
 * write node statistics when due. Returns the work done so the idle strategy can back off.
 * <p>
 * Per wake-up cost does not grow with the nodes hosted: the nodes' deadlines sit in one {@link NodeDeadlines} heap,
 * re-keyed after every call into a core, so a cycle visits only its due nodes. With the selecting idle strategy
 * ({@link #receiveInIdle}) the cycle does not poll the sockets itself: the strategy's {@code select} hands each
 * readable socket to {@link #accept}, which reads one datagram from it, and the strategy selects again at once while
 * sockets were ready (level-triggered: a socket holding more is reported again), up to {@code maxDatagramsPerPoll}
 * times. So a datagram costs one {@code recvfrom}, and the check that the sockets are empty is one
 * {@code epoll_wait} for all of them instead of an empty {@code recvfrom} per socket and a second
 * {@code selectNow} per cycle. (Reading one datagram per socket per cycle without selecting again would cap a starved
 * thread at sockets x cycles per second and overflow its queues.)
 */
public final class ShellAgent implements Agent, Consumer<SelectionKey>, DelayedSendQueue.ReleaseHandler
{
    /** how soon to look again while a node sleeps or applications may hand work over */
    private static final long POLL_WHILE_WAITING_NS = 1_000_000L;
    /**
     * how often every node is re-keyed from its core's own deadline: calls into a core from outside the duty cycle
     * (tests stepping a daemon by hand) are picked up within this
     */
    private static final long RESCAN_PERIOD_NS = 100_000_000L;

    private final Selector selector;
    private final HostedNode[] nodes;
    private final UdpTransport transport;
    private final DelayedSendQueue delayQueue;
    private final ShellClock clock;
    private final ControlPoller control;
    private final EventLogWriter logWriter;
    private final long statsPeriodNs;
    private final int maxDatagramsPerPoll;
    private final Rebooter rebooter;
    private final long processBootId;
    private final NodeDeadlines deadlines;
    private final boolean hostsApplications;
    private boolean receiveInIdle;
    private long nextRescanNs;
    private long nextStatsNs;
    private int receivedThisCycle;
    private long datagramsReceived;
    private long receiveErrors;
    private long cycles;

    /** Brings a crashed node back as a fresh boot when its restart is due (CRASH with a duration). */
    @FunctionalInterface
    public interface Rebooter
    {
        void reboot(HostedNode node, long nowNs);
    }

    public ShellAgent(
        final Selector selector,
        final HostedNode[] nodes,
        final UdpTransport transport,
        final DelayedSendQueue delayQueue,
        final ShellClock clock,
        final ControlPoller control,
        final EventLogWriter logWriter,
        final long statsPeriodNs,
        final int maxDatagramsPerPoll)
    {
        this(selector, nodes, transport, delayQueue, clock, control, logWriter, statsPeriodNs, maxDatagramsPerPoll, 0,
            (node, nowNs) -> { });
    }

    public ShellAgent(
        final Selector selector,
        final HostedNode[] nodes,
        final UdpTransport transport,
        final DelayedSendQueue delayQueue,
        final ShellClock clock,
        final ControlPoller control,
        final EventLogWriter logWriter,
        final long statsPeriodNs,
        final int maxDatagramsPerPoll,
        final long processBootId,
        final Rebooter rebooter)
    {
        this.processBootId = processBootId;
        this.selector = selector;
        this.nodes = nodes;
        this.transport = transport;
        this.delayQueue = delayQueue;
        this.clock = clock;
        this.control = control;
        this.logWriter = logWriter;
        this.statsPeriodNs = statsPeriodNs;
        this.maxDatagramsPerPoll = maxDatagramsPerPoll;
        this.rebooter = rebooter;
        this.nextStatsNs = clock.nowNs() + statsPeriodNs;
        this.deadlines = new NodeDeadlines(nodes.length);
        boolean hosts = false;
        for (final HostedNode node : nodes)
        {
            hosts |= node.applicationHost() != null;
        }
        this.hostsApplications = hosts;
    }

    /**
     * The idle strategy reads the sockets in its blocking wait ({@link SelectingIdleStrategy}): the cycle then does
     * not poll them itself and each readiness report is answered with one read.
     */
    void receiveInIdle(final boolean receiveInIdle)
    {
        this.receiveInIdle = receiveInIdle;
    }

    public void onStart()
    {
        rescan(clock.update());
    }

    /** re-key every node from its core's deadline (crashed nodes leave the heap) */
    private void rescan(final long nowNs)
    {
        nextRescanNs = nowNs + RESCAN_PERIOD_NS;
        for (final HostedNode node : nodes)
        {
            rekey(node);
        }
    }

    private void rekey(final HostedNode node)
    {
        if (node.isCrashed())
        {
            if (node.restartAtNs() == Long.MAX_VALUE)
            {
                deadlines.remove(node.index());
            }
            else
            {
                deadlines.update(node.index(), node.restartAtNs()); // its restart is its next deadline
            }
        }
        else
        {
            deadlines.update(node.index(), node.protocol().nextDeadlineNs());
        }
    }

    public String roleName()
    {
        return "hearsay-shell";
    }

    public long datagramsReceived()
    {
        return datagramsReceived;
    }

    public long receiveErrors()
    {
        return receiveErrors;
    }

    /** how many times a readable socket is read in a row before the cycle runs the timers */
    int maxDatagramsPerPoll()
    {
        return maxDatagramsPerPoll;
    }

    public long cycles()
    {
        return cycles;
    }

    public int doWork() throws IOException
    {
        final long nowNs = clock.update();
        cycles++;
        int work = 0;
        if (!receiveInIdle)
        {
            receivedThisCycle = 0;
            selector.selectNow(this);
            work += receivedThisCycle;
        }
        if (nextRescanNs - nowNs <= 0)
        {
            rescan(nowNs);
        }

        final NodeDeadlines deadlines = this.deadlines;
        while (deadlines.size() > 0 && deadlines.earliestNs() - nowNs <= 0)
        {
            final HostedNode node = nodes[deadlines.earliestNode()];
            if (node.isCrashed())
            {
                if (node.restartAtNs() - nowNs <= 0)
                {
                    rebooter.reboot(node, nowNs);
                    work++;
                }
                rekey(node);
                continue;
            }
            long nextNs;
            if (node.impairment().isAsleep(nowNs))
            {
                nextNs = nowNs + POLL_WHILE_WAITING_NS;
            }
            else
            {
                work += node.protocol().doWork(nowNs);
                nextNs = node.protocol().nextDeadlineNs();
            }
            // a deadline still due runs again next cycle, never twice in this one
            deadlines.update(node.index(), nextNs - nowNs <= 0 ? nowNs + 1 : nextNs);
        }
        if (hostsApplications)
        {
            for (final HostedNode node : nodes)
            {
                final ApplicationHost host = node.applicationHost();
                if (host != null && !node.isCrashed())
                {
                    final int hostWork = host.doWork(nowNs);
                    if (hostWork > 0)
                    {
                        work += hostWork;
                        rekey(node);
                    }
                }
            }
        }

        if (delayQueue.size() > 0)
        {
            work += delayQueue.drain(nowNs, this);
        }
        if (control != null)
        {
            final int controlWork = control.poll();
            if (controlWork > 0)
            {
                work += controlWork;
                rescan(nowNs);
            }
        }
        if (nextStatsNs - nowNs <= 0)
        {
            nextStatsNs = nowNs + statsPeriodNs;
            writeStats();
        }
        return work;
    }

    /**
     * When the next cycle has something to do without a datagram arriving: the earliest node deadline, a delayed
     * datagram, the statistics record, the next re-key. Hosted applications (their work arrives from other threads)
     * make it at most a millisecond away; a sleeping node is looked at every millisecond (its deadline says so).
     */
    public long nextDeadlineNs()
    {
        long deadline = Math.min(Math.min(nextStatsNs, nextRescanNs), delayQueue.nextDueNs());
        deadline = Math.min(deadline, deadlines.earliestNs());
        if (hostsApplications)
        {
            deadline = Math.min(deadline, clock.nowNs() + POLL_WHILE_WAITING_NS);
        }
        return deadline;
    }

    /** One readable node socket: drain up to the per-poll limit into its core (the control socket is polled apart). */
    public void accept(final SelectionKey key)
    {
        if (!(key.attachment() instanceof HostedNode))
        {
            return;
        }
        final HostedNode node = (HostedNode)key.attachment();
        final DatagramChannel channel = node.channel();
        final long nowNs = receiveInIdle ? clock.update() : clock.nowNs();
        final int limit = receiveInIdle ? 1 : maxDatagramsPerPoll;
        for (int i = 0; i < limit; i++)
        {
            final int length;
            try
            {
                length = transport.receive(channel);
            }
            catch (final IOException | RuntimeException ex)
            {
                receiveErrors++;
                break;
            }
            if (length == UdpTransport.NOTHING)
            {
                break;
            }
            receivedThisCycle++;
            datagramsReceived++;
            final long fromAddress = transport.lastFromAddress();
            if (node.isCrashed() || node.impairment().dropsInbound(nowNs, fromAddress))
            {
                node.countShellDrop();
                continue;
            }
            if (length == UdpTransport.UNAUTHENTICATED)
            {
                node.protocol().counters().drop(DropReason.UNAUTHENTICATED);
                continue;
            }
            if (length == UdpTransport.REPLAYED)
            {
                node.protocol().counters().drop(DropReason.REPLAYED);
                continue;
            }
            try
            {
                node.protocol().onPacket(nowNs, fromAddress, transport.received(), 0, length);
            }
            catch (final RuntimeException ex)
            {
                node.protocol().counters().drop(DropReason.MALFORMED);
            }
            deadlines.update(node.index(), node.protocol().nextDeadlineNs());
        }
    }

    public void onRelease(final int nodeIndex, final long toAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        nodes[nodeIndex].transmit(toAddress, buffer, offset, length);
    }

    /**
     * A nodeStats record per node (its counters, member table, drops and refusals by reason) and a
     * processStats record (heap, resident memory), periodic and once more at close.
     */
    public void writeStats()
    {
        if (logWriter == null)
        {
            return;
        }
        final long nowNs = clock.nowNs();
        final long wallNs = clock.wallNs();
        int running = 0;
        int restarts = 0;
        for (final HostedNode node : nodes)
        {
            restarts += node.restarts();
            running += node.isCrashed() ? 0 : 1;
            final io.hearsay.core.Node p = node.protocol();
            logWriter.nodeStats(wallNs, nowNs, node.address(), node.bootId(), p.memberTableSize(), p.liveMemberCount(),
                p.counters(), node.shellDrops());
        }
        final Runtime runtime = Runtime.getRuntime();
        final long committed = runtime.totalMemory();
        logWriter.processStats(wallNs, nowNs, nodes[0].address(), processBootId, committed - runtime.freeMemory(),
            committed, ProcessMemory.residentBytes(), running, restarts);
    }

    public void onClose()
    {
        clock.update();
        writeStats();
    }
}
