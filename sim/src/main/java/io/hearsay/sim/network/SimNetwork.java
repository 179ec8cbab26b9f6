package io.hearsay.sim.network;

import io.hearsay.core.impair.DelayDistribution;
import io.hearsay.core.impair.LinkImpairment;
import io.hearsay.core.impair.NetworkImpairment;
import io.hearsay.sim.scenario.Fault;
import io.hearsay.sim.scenario.ScenarioAction;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The simulated network and the up/down state of nodes. The fate of each datagram is core's
 * {@link NetworkImpairment} (the impairment model the daemon uses too): {@link #transmitNs} drops it (-1) or
 * delivers it after a delay. Per-node tables are allocated only when a scenario first needs them, so a fault-free run
 * of 10^7 nodes pays one byte per node.
 */
public final class SimNetwork
{
    public static final byte UP = 0;
    public static final byte CRASHED = 1;
    public static final byte SLEEPING = 2;
    public static final byte LEFT = 4;

    private final byte[] status;
    private final List<String> groups;
    private final NetworkImpairment impairment;

    public SimNetwork(final int nodes, final DelayDistribution latency, final double loss, final List<String> groups)
    {
        this.status = new byte[nodes];
        this.groups = groups;
        this.impairment = new NetworkImpairment(nodes, LinkImpairment.NONE.withLoss(loss).withDelay(latency));
    }

    public static long bytesPerNode()
    {
        return 1;
    }

    public boolean isUp(final int node)
    {
        return status[node] == UP;
    }

    public byte status(final int node)
    {
        return status[node];
    }

    public void status(final int node, final byte value)
    {
        status[node] = value;
    }

    public DelayDistribution latency()
    {
        return impairment.link().delay();
    }

    /** @return the delay in ns after which the datagram arrives, or -1 if the network drops it */
    public long transmitNs(final int from, final int to, final RandomGenerator random)
    {
        return impairment.transmitNs(from, to, random);
    }

    /** @return -1 when the datagram just transmitted is not duplicated, else the delay of its copy */
    public long duplicateDelayNs(final RandomGenerator random)
    {
        return impairment.duplicateDelayNs(random);
    }

    /** applies a network fault (node faults are the simulation's: it must also reschedule the node) */
    public void apply(final ScenarioAction action)
    {
        final LinkImpairment link = impairment.link();
        final double[] p = action.p();
        switch (action.fault())
        {
            case LOSS -> impairment.link(link.withLoss(p[0]));
            case LOSS_GE -> impairment.link(link.withGilbertElliott(p[0], p[1], p[3], p[2]));
            case LATENCY -> impairment.link(link.withDelay(action.latency()));
            case DUPLICATE -> impairment.link(link.withDuplicate(p[0]));
            case REORDER -> impairment.link(link.withReorder(p[0], action.durationNs()));
            case GROUP -> impairment.assignGroup(groups.indexOf(action.groupA()), action.firstNode(), action.lastNode());
            case PARTITION, PARTITION_ONEWAY -> impairment.cut(groups.indexOf(action.groupA()),
                groups.indexOf(action.groupB()), action.fault() == Fault.PARTITION);
            case HEAL ->
            {
                if (action.groupA() == null)
                {
                    impairment.healAll();
                }
                else
                {
                    impairment.heal(groups.indexOf(action.groupA()), groups.indexOf(action.groupB()));
                }
            }
            case DROP_IN, DROP_OUT -> impairment.drop(action.fault() == Fault.DROP_IN, action.firstNode(),
                action.lastNode(), p[0]);
            default -> throw new IllegalArgumentException("not a network fault: " + action.fault().word());
        }
    }
}
