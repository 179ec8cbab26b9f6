package io.hearsay.core.impair;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A whole network's impairment, nodes named by index (the simulator's network): one {@link LinkImpairment} for every
 * link (Gilbert-Elliott chains per sender), groups of nodes with one-way and two-way cuts between them, and per-node
 * drop of arriving or departing datagrams. Tables are allocated when a fault first needs them, so a fault-free
 * network of 10^7 nodes holds none. The random source is the caller's (its seed is the run's); no allocation per
 * datagram.
 */
public final class NetworkImpairment
{
    /** at most this many groups (a group id fits a byte) */
    public static final int MAX_GROUPS = 127;

    private final int nodes;
    private final ImpairmentCounters counters = new ImpairmentCounters();
    private LinkImpairment link;
    private boolean[] geBad;
    private float[] dropIn;
    private float[] dropOut;
    private byte[] groupOf;
    private boolean[] cut;

    public NetworkImpairment(final int nodes, final LinkImpairment link)
    {
        this.nodes = nodes;
        link(link);
    }

    public ImpairmentCounters counters()
    {
        return counters;
    }

    public LinkImpairment link()
    {
        return link;
    }

    /** the impairment of every link from now on (Gilbert-Elliott chains keep their state) */
    public void link(final LinkImpairment value)
    {
        link = value;
        if (value.isGilbertElliott() && geBad == null)
        {
            geBad = new boolean[nodes];
        }
    }

    /** nodes {@code first..last} (inclusive) belong to group {@code group} (0..{@link #MAX_GROUPS}-1) from now on */
    public void assignGroup(final int group, final int first, final int last)
    {
        if (group < 0 || group >= MAX_GROUPS)
        {
            throw new IllegalArgumentException("group " + group + " out of range; accepted: 0.." + (MAX_GROUPS - 1));
        }
        if (groupOf == null)
        {
            groupOf = new byte[nodes];
            Arrays.fill(groupOf, (byte)-1);
        }
        Arrays.fill(groupOf, first, last + 1, (byte)group);
    }

    /** datagrams from group {@code from} to group {@code to} are dropped; and the other way when {@code bothWays} */
    public void cut(final int from, final int to, final boolean bothWays)
    {
        if (cut == null)
        {
            cut = new boolean[MAX_GROUPS * MAX_GROUPS];
        }
        cut[from * MAX_GROUPS + to] = true;
        if (bothWays)
        {
            cut[to * MAX_GROUPS + from] = true;
        }
    }

    /** removes the cuts between two groups, both directions */
    public void heal(final int a, final int b)
    {
        if (cut != null)
        {
            cut[a * MAX_GROUPS + b] = false;
            cut[b * MAX_GROUPS + a] = false;
        }
    }

    /** removes every cut */
    public void healAll()
    {
        if (cut != null)
        {
            Arrays.fill(cut, false);
        }
    }

    /** nodes {@code first..last} drop arriving ({@code inbound}) or departing datagrams with probability {@code p} */
    public void drop(final boolean inbound, final int first, final int last, final double p)
    {
        Chance.probability("drop", p);
        if (inbound)
        {
            if (dropIn == null)
            {
                dropIn = new float[nodes];
            }
            Arrays.fill(dropIn, first, last + 1, (float)p);
        }
        else
        {
            if (dropOut == null)
            {
                dropOut = new float[nodes];
            }
            Arrays.fill(dropOut, first, last + 1, (float)p);
        }
    }

    /** whether a cut separates {@code from} and {@code to} (no draw) */
    public boolean isCut(final int from, final int to)
    {
        if (cut == null)
        {
            return false;
        }
        final int gFrom = groupOf[from];
        final int gTo = groupOf[to];
        return gFrom >= 0 && gTo >= 0 && cut[gFrom * MAX_GROUPS + gTo];
    }

    /** @return the delay in ns after which the datagram arrives, or -1 if the network drops it */
    public long transmitNs(final int from, final int to, final RandomGenerator random)
    {
        if (dropOut != null && dropOut[from] > 0 && random.nextDouble() < dropOut[from])
        {
            counters.blockedOutbound++;
            return -1;
        }
        if (isCut(from, to))
        {
            counters.blockedOutbound++;
            return -1;
        }
        if (link.isLost(geBad, from, random))
        {
            counters.lost++;
            return -1;
        }
        if (dropIn != null && dropIn[to] > 0 && random.nextDouble() < dropIn[to])
        {
            counters.blockedInbound++;
            return -1;
        }
        return link.delayNs(random, counters);
    }

    /** @return -1 when the datagram just transmitted is not duplicated, else its copy's delay */
    public long duplicateDelayNs(final RandomGenerator random)
    {
        return link.duplicateDelayNs(random, counters);
    }
}
