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
 * {@code doWork} for every node whose deadline has passed; release due delayed datagrams; serve the control port;
 * write node statistics when due. Returns the work done so the idle strategy can back off.
 */
public final class ShellAgent implements Agent, Consumer<SelectionKey>, DelayedSendQueue.ReleaseHandler
{
    /** how soon to look again while a node sleeps or applications may hand work over */
    private static final long POLL_WHILE_WAITING_NS = 1_000_000L;

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

    public long cycles()
    {
        return cycles;
    }

    public int doWork() throws IOException
    {
        final long nowNs = clock.update();
        cycles++;
        receivedThisCycle = 0;
        selector.selectNow(this);
        int work = receivedThisCycle;

        final HostedNode[] nodes = this.nodes;
        for (final HostedNode node : nodes)
        {
            if (node.isCrashed())
            {
                if (node.restartAtNs() - nowNs <= 0)
                {
                    rebooter.reboot(node, nowNs);
                    work++;
                }
                continue;
            }
            if (node.protocol().nextDeadlineNs() - nowNs <= 0 && !node.impairment().isAsleep(nowNs))
            {
                work += node.protocol().doWork(nowNs);
            }
            final ApplicationHost host = node.applicationHost();
            if (host != null)
            {
                work += host.doWork(nowNs);
            }
        }

        if (delayQueue.size() > 0)
        {
            work += delayQueue.drain(nowNs, this);
        }
        if (control != null)
        {
            work += control.poll();
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
     * datagram, the statistics record. A sleeping node (its deadline is past but it does no work) and hosted
     * applications (their work arrives from other threads) make it at most a millisecond away.
     */
    public long nextDeadlineNs()
    {
        final long nowNs = clock.nowNs();
        long deadline = Math.min(nextStatsNs, delayQueue.nextDueNs());
        for (final HostedNode node : nodes)
        {
            if (node.applicationHost() != null || node.impairment().isAsleep(nowNs))
            {
                deadline = Math.min(deadline, nowNs + POLL_WHILE_WAITING_NS);
            }
            else if (!node.isCrashed())
            {
                deadline = Math.min(deadline, node.protocol().nextDeadlineNs());
            }
            else
            {
                deadline = Math.min(deadline, node.restartAtNs());
            }
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
        final long nowNs = clock.nowNs();
        for (int i = 0; i < maxDatagramsPerPoll; i++)
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
