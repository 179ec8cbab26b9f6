package io.hearsay.master.fault;

import io.hearsay.daemon.core.Addresses;
import io.hearsay.daemon.wire.sbe.ControlCommand;
import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.DaemonControl;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes faults in the daemons' own impairment layer, one control command per targeted node (or one per process
 * when every node of it is targeted). Partitions become BLOCK commands whose argument lists the peers to refuse
 * ({@code ip:port,...}, chunked to the control message's 1,024-character argument).
 */
public final class DaemonFaults
{
    public static final int MAX_ARGUMENT = 1000;

    private final DaemonControl control;
    private final ClusterState state;
    private final ClusterPlan plan;

    public DaemonFaults(final DaemonControl control, final ClusterState state)
    {
        this.control = control;
        this.state = state;
        this.plan = state.plan();
    }

    public String apply(final FaultAction action)
    {
        return switch (action.kind)
        {
            case LOSS -> each(action, new DaemonControl.Command(ControlCommand.IMPAIR, 0, action.probability, 0, 0, 0, 0, "loss"));
            case DELAY -> each(action, new DaemonControl.Command(ControlCommand.IMPAIR, 0, 0, 0, action.delayMs,
                action.jitterMs, 0, "delay"));
            case DUPLICATE, REORDER -> each(action, new DaemonControl.Command(ControlCommand.IMPAIR, 0,
                action.probability, 0, 0, 0, 0, action.kind.cliName()));
            case SLEEP -> each(action, new DaemonControl.Command(ControlCommand.SLEEP, 0, 0, action.durationMs, 0, 0, 0, ""));
            case LEAVE -> each(action, DaemonControl.Command.of(ControlCommand.LEAVE, 0));
            case CRASH -> each(action, DaemonControl.Command.of(ControlCommand.CRASH, 0));
            case HEAL -> each(action, DaemonControl.Command.of(ControlCommand.HEAL, 0));
            case PARTITION -> partition(action);
            default -> throw new FaultFailedException("fault " + action.kind.cliName() + " has no daemon form", null);
        };
    }

    private String each(final FaultAction action, final DaemonControl.Command template)
    {
        int commands = 0;
        final List<Integer> containers = action.targets == null ? allContainers() : new ArrayList<>(action.targets.containers());
        for (final int c : containers)
        {
            final ContainerSlot slot = plan.slots().get(c);
            final boolean whole = action.targets == null || action.targets.localNodes(plan, c).size() == slot.nodes();
            if (whole)
            {
                send(slot, withNode(template, 0));
                commands++;
            }
            else
            {
                for (final int j : action.targets.localNodes(plan, c))
                {
                    send(slot, withNode(template, state.nodeAddress(slot.firstNode() + j)));
                    commands++;
                }
            }
        }
        return "control " + template.command().name() + " x" + commands;
    }

    private String partition(final FaultAction action)
    {
        int commands = 0;
        for (int g = 0; g < action.groups.size(); g++)
        {
            if (action.oneWay && g == 0)
            {
                continue;
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
            for (final String chunk : chunks(peers))
            {
                for (final int node : action.groups.get(g).nodes())
                {
                    final ContainerSlot slot = plan.slotOfNode(node);
                    send(slot, new DaemonControl.Command(ControlCommand.BLOCK, state.nodeAddress(node), 0, 0, 0, 0, 0, chunk));
                    commands++;
                }
            }
        }
        return "control BLOCK x" + commands;
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

    private void send(final ContainerSlot slot, final DaemonControl.Command command)
    {
        try
        {
            control.send(slot.ip(), slot.controlPort(), command);
        }
        catch (final RuntimeException ex)
        {
            throw new FaultFailedException("daemon at " + slot.controlEndpoint() + " did not take " +
                command.command().name() + ": " + ex.getMessage(), null);
        }
    }

    private static DaemonControl.Command withNode(final DaemonControl.Command t, final long node)
    {
        return new DaemonControl.Command(t.command(), node, t.probability(), t.durationMs(), t.delayMs(), t.jitterMs(),
            t.count(), t.argument());
    }

    private List<Integer> allContainers()
    {
        final List<Integer> all = new ArrayList<>();
        for (final ContainerSlot slot : plan.slots())
        {
            all.add(slot.index());
        }
        return all;
    }
}
