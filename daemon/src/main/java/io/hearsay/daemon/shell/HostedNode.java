package io.hearsay.daemon.shell;

import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.core.Node;
import io.hearsay.core.Outbox;
import io.hearsay.daemon.shell.impair.DelayedSendQueue;
import io.hearsay.core.impair.NodeImpairment;
import io.hearsay.wire.sbe.HostedNodeState;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * One node hosted by the shell: its socket, its protocol core, its impairment and its shell-side state. It is the
 * core's {@link Outbox}: each datagram the core sends goes through the impairment (dropped, duplicated, delayed into
 * the process's {@link DelayedSendQueue}) and then out of this node's socket.
 */
public final class HostedNode implements Outbox
{
    private final int index;
    private final long address;
    private DatagramChannel channel;
    private final UdpTransport transport;
    private final DelayedSendQueue delayQueue;
    private final ShellClock clock;
    private final NodeImpairment impairment;
    private Node protocol;
    private ApplicationHost applicationHost;
    private SelectionKey selectionKey;
    private HostedNodeState state = HostedNodeState.RUNNING;
    /** datagrams the shell dropped before the core saw them (impairment, authentication) or could not send */
    private long shellDrops;
    /** the boot id of the node's current life (the process's boot id until the node is restarted) */
    private long bootId;
    /** boots so far after the first (restarts) */
    private int restarts;
    /** when a crashed node comes back as a fresh boot ({@link Long#MAX_VALUE}: never) */
    private long restartAtNs = Long.MAX_VALUE;

    public HostedNode(
        final int index,
        final long address,
        final DatagramChannel channel,
        final UdpTransport transport,
        final DelayedSendQueue delayQueue,
        final ShellClock clock,
        final NodeImpairment impairment)
    {
        this.index = index;
        this.address = address;
        this.channel = channel;
        this.transport = transport;
        this.delayQueue = delayQueue;
        this.clock = clock;
        this.impairment = impairment;
    }

    void protocol(final Node protocol)
    {
        this.protocol = protocol;
    }

    void applicationHost(final ApplicationHost host)
    {
        this.applicationHost = host;
    }

    /** The node's application host, or null when the process hosts no applications. */
    public ApplicationHost applicationHost()
    {
        return applicationHost;
    }

    void selectionKey(final SelectionKey selectionKey)
    {
        this.selectionKey = selectionKey;
    }

    public int index()
    {
        return index;
    }

    public long address()
    {
        return address;
    }

    public Node protocol()
    {
        return protocol;
    }

    public NodeImpairment impairment()
    {
        return impairment;
    }

    public DatagramChannel channel()
    {
        return channel;
    }

    /** The state as the control port reports it (asleep is derived from the impairment's sleep deadline). */
    public HostedNodeState state(final long nowNs)
    {
        if (state == HostedNodeState.RUNNING && impairment.isAsleep(nowNs))
        {
            return HostedNodeState.ASLEEP;
        }
        return state;
    }

    /** Crashed nodes are never driven again; left nodes keep running until their announcement is out. */
    public boolean isCrashed()
    {
        return state == HostedNodeState.CRASHED;
    }

    public long shellDrops()
    {
        return shellDrops;
    }

    void countShellDrop()
    {
        shellDrops++;
    }

    void markLeft()
    {
        if (state == HostedNodeState.RUNNING)
        {
            state = HostedNodeState.LEFT;
        }
    }

    public long bootId()
    {
        return bootId;
    }

    void bootId(final long bootId)
    {
        this.bootId = bootId;
    }

    public int restarts()
    {
        return restarts;
    }

    /** When this crashed node is due to come back as a fresh boot ({@link Long#MAX_VALUE}: never). */
    public long restartAtNs()
    {
        return restartAtNs;
    }

    /** Crash now and come back as a fresh boot (new boot id, empty state, new socket at the same address) at {@code atNs}. */
    void crashUntil(final long atNs)
    {
        crash();
        restartAtNs = atNs;
    }

    /**
     * The node's next life: a new socket bound to its address, a new protocol core (new boot id, empty state); its
     * counters start again from zero, as a rebooted process's would.
     */
    void reboot(final DatagramChannel newChannel, final Node newProtocol, final long newBootId)
    {
        channel = newChannel;
        protocol = newProtocol;
        bootId = newBootId;
        shellDrops = 0;
        restarts++;
        restartAtNs = Long.MAX_VALUE;
        state = HostedNodeState.RUNNING;
    }

    /** Stop this node as a crash would: no goodbye, its socket closed, its delayed datagrams forgotten. */
    void crash()
    {
        state = HostedNodeState.CRASHED;
        if (selectionKey != null)
        {
            selectionKey.cancel();
        }
        CloseHelper.quietClose(channel);
        delayQueue.discardNode(index);
    }

    void close()
    {
        if (selectionKey != null)
        {
            selectionKey.cancel();
        }
        CloseHelper.quietClose(channel);
    }

    @Override
    public void send(final long toAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        if (state == HostedNodeState.CRASHED)
        {
            return;
        }
        final long nowNs = clock.nowNs();
        final int copies = impairment.planSend(nowNs, toAddress);
        if (copies == 0)
        {
            shellDrops++;
        }
        for (int i = 0; i < copies; i++)
        {
            final long delayNs = impairment.copyDelayNs(i);
            if (delayNs == 0)
            {
                transmit(toAddress, buffer, offset, length);
            }
            else if (!delayQueue.offer(nowNs + delayNs, index, toAddress, buffer, offset, length))
            {
                shellDrops++;
            }
        }
    }

    /** Put a datagram on the wire now (after impairment). */
    void transmit(final long toAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        if (state != HostedNodeState.CRASHED && !transport.send(channel, toAddress, buffer, offset, length))
        {
            shellDrops++;
        }
    }
}
