package io.hearsay.master.analysis;

import io.hearsay.core.Channel;

import java.util.Arrays;

/**
 * The EventLearned records of one event as they are collected from the queues, in growable primitive arrays
 * (about 25 bytes per record). Times are already clock-corrected. {@link EventCurve#of} turns it into curves.
 */
public final class EventTrace
{
    final EventKey key;
    int size;
    long[] wallNs = new long[16];
    long[] node = new long[16];
    int[] round = new int[16];
    int[] hops = new int[16];
    byte[] channel = new byte[16];
    /** sum of the records' duplicates fields */
    long duplicatesField;
    /** corrected wall time of the origin's ORIGIN record, or Long.MIN_VALUE */
    long originWallNs = Long.MIN_VALUE;
    /** createdWallNs as carried by the records, corrected with the origin's offset; Long.MIN_VALUE if none */
    long createdWallNs = Long.MIN_VALUE;

    public EventTrace(final EventKey key)
    {
        this.key = key;
    }

    public EventKey key()
    {
        return key;
    }

    public int size()
    {
        return size;
    }

    /** Adds one learn record; {@code wallNs} already corrected. */
    public void add(
        final long wallNs, final long node, final int round, final int hops, final Channel channel,
        final int duplicates, final long createdWallNs)
    {
        if (size == this.wallNs.length)
        {
            grow();
        }
        final int i = size++;
        this.wallNs[i] = wallNs;
        this.node[i] = node;
        this.round[i] = round;
        this.hops[i] = hops;
        this.channel[i] = (byte)channel.ordinal();
        duplicatesField += duplicates;
        if (channel == Channel.ORIGIN && node == key.origin() &&
            (originWallNs == Long.MIN_VALUE || wallNs < originWallNs))
        {
            originWallNs = wallNs;
        }
        if (this.createdWallNs == Long.MIN_VALUE && createdWallNs != 0)
        {
            this.createdWallNs = createdWallNs;
        }
    }

    private void grow()
    {
        final int capacity = wallNs.length * 2;
        wallNs = Arrays.copyOf(wallNs, capacity);
        node = Arrays.copyOf(node, capacity);
        round = Arrays.copyOf(round, capacity);
        hops = Arrays.copyOf(hops, capacity);
        channel = Arrays.copyOf(channel, capacity);
    }
}
