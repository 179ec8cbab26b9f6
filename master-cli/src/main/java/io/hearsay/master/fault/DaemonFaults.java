package io.hearsay.master.fault;

import io.hearsay.daemon.control.ControlClient;
import io.hearsay.core.Addresses;
import io.hearsay.wire.sbe.BlockDirection;
import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.ControlPorts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes faults in the daemons' own impairment layer over their control ports: one command per process when every
 * node of a container is targeted (node address 0), else one per node. Loss, delay, duplication and reordering are
 * the daemon's outbound impairment ({@code IMPAIR} with a fault line, e.g. {@code loss p=0.2}); partitions are {@code BLOCK} commands
 * listing the peers to refuse, chunked to the control message's 1,024-character argument.
 */
public final class DaemonFaults
{
    public static final int MAX_ARGUMENT = 1000;

    private interface Send
    {
        ControlClient.Ack send(ControlClient client, long nodeAddress) throws IOException;
    }

    private final ControlPorts control;
    private final ClusterState state;
    private final ClusterPlan plan;

    public DaemonFaults(final ControlPorts control, final ClusterState state)
    {
        this.control = control;
        this.state = state;
        this.plan = state.plan();
    }

    /** the IMPAIR argument of a loss/delay/duplicate/reorder fault: its link impairment in the fault grammar */
    static String impairmentSpec(final FaultAction action)
    {
        if (action.link == null)
        {
            throw new IllegalArgumentException(action.kind.cliName() + " is not an impairment");
        }
        return action.link.toString();
    }

    public String apply(final FaultAction action)
    {
        return switch (action.kind)
        {
            case LOSS, DELAY, DUPLICATE, REORDER ->
            {
                final String spec = impairmentSpec(action);
                yield each(action, "IMPAIR " + spec, (client, node) -> client.impair(node, spec));
            }
            case SLEEP -> each(action, "SLEEP " + action.durationMs + " ms", (client, node) -> client.sleep(node, action.durationMs));
            case LEAVE -> each(action, "LEAVE", ControlClient::leave);
            case CRASH -> each(action, "CRASH", ControlClient::crash);
            case HEAL -> each(action, "HEAL", ControlClient::heal);
            case PARTITION -> partition(action);
            default -> throw new FaultFailedException("fault " + action.kind.cliName() + " has no daemon form", "layer=kernel");
        };
    }

    private String each(final FaultAction action, final String what, final Send send)
    {
        int commands = 0;
        final List<Integer> containers = new ArrayList<>();
        if (action.targets == null)
        {
            plan.slots().forEach(s -> containers.add(s.index()));
        }
        else
        {
            containers.addAll(action.targets.containers());
        }
        for (final int c : containers)
        {
            final ContainerSlot slot = plan.slots().get(c);
            if (action.targets == null || action.targets.localNodes(plan, c).size() == slot.nodes())
            {
                call(slot, what, send, 0);
                commands++;
            }
            else
            {
                for (final int j : action.targets.localNodes(plan, c))
                {
                    call(slot, what, send, state.nodeAddress(slot.firstNode() + j));
                    commands++;
                }
            }
        }
        return "control " + what + " x" + commands;
    }

    private String partition(final FaultAction action)
    {
        int commands = 0;
        for (int g = 0; g < action.groups.size(); g++)
        {
            if (action.oneWay && g == 0)
            {
                continue; // A/B one-way: B refuses what A sends
            }
            final List<String> peers = new ArrayList<>();
            for (int other = 0; other < action.groups.size(); other++)
            {
                if (other != g && (!action.oneWay || other == 0))
                {
                    for (final int node : action.groups.get(other).nodes())
                    {
                        peers.add(Addresses.toString(state.nodeAddress(node)));
                    }
                }
            }
            final BlockDirection direction = action.oneWay ? BlockDirection.INBOUND : BlockDirection.BOTH;
            final Selection group = action.groups.get(g);
            for (final String chunk : chunks(peers))
            {
                for (final int c : group.containers())
                {
                    final ContainerSlot slot = plan.slots().get(c);
                    final Send send = (client, node) -> client.block(node, direction, chunk);
                    if (group.localNodes(plan, c).size() == slot.nodes())
                    {
                        call(slot, "BLOCK", send, 0);
                        commands++;
                    }
                    else
                    {
                        for (final int j : group.localNodes(plan, c))
                        {
                            call(slot, "BLOCK", send, state.nodeAddress(slot.firstNode() + j));
                            commands++;
                        }
                    }
                }
            }
        }
        return "control BLOCK " + (action.oneWay ? "inbound" : "both ways") + " x" + commands;
    }

    static List<String> chunks(final List<String> peers)
    {
        final List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (final String peer : peers)
        {
            if (current.length() + peer.length() + 1 > MAX_ARGUMENT)
            {
                chunks.add(current.toString());
                current = new StringBuilder();
            }
            current.append(current.length() == 0 ? "" : ",").append(peer);
        }
        if (current.length() > 0)
        {
            chunks.add(current.toString());
        }
        return chunks;
    }

    private void call(final ContainerSlot slot, final String what, final Send send, final long nodeAddress)
    {
        final ControlClient.Ack ack;
        try
        {
            ack = send.send(control.client(slot), nodeAddress);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new FaultFailedException("daemon at " + slot.controlEndpoint() + " did not take " + what + ": " +
                ex.getMessage(), null);
        }
        if (!ack.ok())
        {
            throw new FaultFailedException("daemon at " + slot.controlEndpoint() + " refused " + what + ": " + ack.message(), null);
        }
    }
}
