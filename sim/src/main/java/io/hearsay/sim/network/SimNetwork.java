package io.hearsay.sim.network;

import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.scenario.ScenarioAction;

import java.util.Arrays;
import java.util.List;

/**
 * The simulated network and the up/down state of nodes. {@link #transmitNs} decides the fate of one datagram:
 * dropped (-1) or delivered after a delay. Per-node tables (in/out drop, groups, Gilbert-Elliott state) are
 * allocated only when a scenario first needs them, so a fault-free run of 10^7 nodes pays one byte per node.
 */
public final class SimNetwork
{
    public static final byte UP = 0;
    public static final byte CRASHED = 1;
    public static final byte SLEEPING = 2;
    public static final byte LEFT = 4;

    private final int nodes;
    private final byte[] status;
    private final List<String> groups;
    private LatencyDistribution latency;
    private long lossThreshold;
    private long duplicateThreshold;
    private long reorderThreshold;
    private long reorderDelayNs;
    private boolean gilbertElliott;
    private long geGoodToBad;
    private long geBadToGood;
    private long geLossGood;
    private long geLossBad;
    private boolean[] geBad;
    private float[] dropIn;
    private float[] dropOut;
    private byte[] groupOf;
    private boolean[] blocked;

    public SimNetwork(final int nodes, final LatencyDistribution latency, final double loss, final List<String> groups)
    {
        this.nodes = nodes;
        this.status = new byte[nodes];
        this.latency = latency;
        this.lossThreshold = SimRandom.threshold(loss);
        this.groups = groups;
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

    public LatencyDistribution latency()
    {
        return latency;
    }

    /** @return the delay in ns after which the datagram arrives, or -1 if the network drops it */
    public long transmitNs(final int from, final int to, final SimRandom random)
    {
        if (dropOut != null && dropOut[from] > 0 && random.nextDouble() < dropOut[from])
        {
            return -1;
        }
        if (blocked != null)
        {
            final int gFrom = groupOf[from];
            final int gTo = groupOf[to];
            if (gFrom >= 0 && gTo >= 0 && blocked[gFrom * groups.size() + gTo])
            {
                return -1;
            }
        }
        if (gilbertElliott)
        {
            boolean bad = geBad[from];
            bad = bad ? !random.chance(geBadToGood) : random.chance(geGoodToBad);
            geBad[from] = bad;
            if (random.chance(bad ? geLossBad : geLossGood))
            {
                return -1;
            }
        }
        else if (lossThreshold > 0 && random.chance(lossThreshold))
        {
            return -1;
        }
        if (dropIn != null && dropIn[to] > 0 && random.nextDouble() < dropIn[to])
        {
            return -1;
        }
        long delayNs = latency.sampleNs(random);
        if (reorderThreshold > 0 && random.chance(reorderThreshold))
        {
            delayNs += reorderDelayNs;
        }
        return delayNs;
    }

    /** should this delivered datagram arrive twice? */
    public boolean duplicates(final SimRandom random)
    {
        return duplicateThreshold > 0 && random.chance(duplicateThreshold);
    }

    /** applies a network fault (node faults are the simulation's: it must also reschedule the node) */
    public void apply(final ScenarioAction action)
    {
        switch (action.fault())
        {
            case LOSS:
                gilbertElliott = false;
                lossThreshold = SimRandom.threshold(action.p()[0]);
                break;
            case LOSS_GE:
                gilbertElliott = true;
                if (geBad == null)
                {
                    geBad = new boolean[nodes];
                }
                geGoodToBad = SimRandom.threshold(action.p()[0]);
                geBadToGood = SimRandom.threshold(action.p()[1]);
                geLossGood = SimRandom.threshold(action.p()[2]);
                geLossBad = SimRandom.threshold(action.p()[3]);
                break;
            case LATENCY:
                latency = action.latency();
                break;
            case DUPLICATE:
                duplicateThreshold = SimRandom.threshold(action.p()[0]);
                break;
            case REORDER:
                reorderThreshold = SimRandom.threshold(action.p()[0]);
                reorderDelayNs = action.durationNs();
                break;
            case GROUP:
                if (groupOf == null)
                {
                    groupOf = new byte[nodes];
                    Arrays.fill(groupOf, (byte)-1);
                }
                Arrays.fill(groupOf, action.firstNode(), action.lastNode() + 1, (byte)groups.indexOf(action.groupA()));
                break;
            case PARTITION:
            case PARTITION_ONEWAY:
            {
                if (blocked == null)
                {
                    blocked = new boolean[groups.size() * groups.size()];
                }
                final int a = groups.indexOf(action.groupA());
                final int b = groups.indexOf(action.groupB());
                blocked[a * groups.size() + b] = true;
                if (action.fault() == io.hearsay.sim.scenario.Fault.PARTITION)
                {
                    blocked[b * groups.size() + a] = true;
                }
                break;
            }
            case HEAL:
                if (blocked != null)
                {
                    if (action.groupA() == null)
                    {
                        Arrays.fill(blocked, false);
                    }
                    else
                    {
                        final int a = groups.indexOf(action.groupA());
                        final int b = groups.indexOf(action.groupB());
                        blocked[a * groups.size() + b] = false;
                        blocked[b * groups.size() + a] = false;
                    }
                }
                break;
            case DROP_IN:
                if (dropIn == null)
                {
                    dropIn = new float[nodes];
                }
                Arrays.fill(dropIn, action.firstNode(), action.lastNode() + 1, (float)action.p()[0]);
                break;
            case DROP_OUT:
                if (dropOut == null)
                {
                    dropOut = new float[nodes];
                }
                Arrays.fill(dropOut, action.firstNode(), action.lastNode() + 1, (float)action.p()[0]);
                break;
            default:
                throw new IllegalArgumentException("not a network fault: " + action.fault().word());
        }
    }
}
