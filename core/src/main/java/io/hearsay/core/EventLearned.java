package io.hearsay.core;

import org.agrona.DirectBuffer;

/**
 * A node learned an application event for the first time: the one value that carries it from the core to the
 * sinks (event log, application host, simulator). A flyweight: each node fills its own instance before each
 * {@link CoreEventSink#onEventLearned} call, so the hot path allocates nothing; a sink reads it during the call and
 * copies what it keeps (the payload buffer is only valid then).
 */
public final class EventLearned
{
    private long nowNs;
    private long node;
    private long origin;
    private long sequence;
    private long createdWallNs;
    private int round;
    private int hops;
    private long fromAddress;
    private Channel channel;
    private DirectBuffer payload;
    private int payloadOffset;
    private int payloadLength;

    /** Fill this view for the next call; returns it. */
    public EventLearned set(
        final long nowNs, final long node, final long origin, final long sequence, final long createdWallNs,
        final int round, final int hops, final long fromAddress, final Channel channel,
        final DirectBuffer payload, final int payloadOffset, final int payloadLength)
    {
        this.nowNs = nowNs;
        this.node = node;
        this.origin = origin;
        this.sequence = sequence;
        this.createdWallNs = createdWallNs;
        this.round = round;
        this.hops = hops;
        this.fromAddress = fromAddress;
        this.channel = channel;
        this.payload = payload;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
        return this;
    }

    /** the core's monotonic time when the node learned */
    public long nowNs()
    {
        return nowNs;
    }

    /** the node that learned (its address) */
    public long node()
    {
        return node;
    }

    public long origin()
    {
        return origin;
    }

    /** the event's sequence number at its origin, numbered within the origin's boot (see {@code EventSequences}) */
    public long sequence()
    {
        return sequence;
    }

    /** the origin's wall clock when it created the event */
    public long createdWallNs()
    {
        return createdWallNs;
    }

    /** the node's logical round when it learned (the origin: 0) */
    public int round()
    {
        return round;
    }

    /** hops from the origin (the origin: 0) */
    public int hops()
    {
        return hops;
    }

    /** who told the node (the node itself for its own events) */
    public long fromAddress()
    {
        return fromAddress;
    }

    public Channel channel()
    {
        return channel;
    }

    /** the buffer holding the payload, valid during the call only */
    public DirectBuffer payload()
    {
        return payload;
    }

    public int payloadOffset()
    {
        return payloadOffset;
    }

    public int payloadLength()
    {
        return payloadLength;
    }

    @Override
    public String toString()
    {
        return "EventLearned{node=" + node + ", origin=" + origin + ", sequence=" + sequence + ", round=" + round +
            ", hops=" + hops + ", from=" + fromAddress + ", channel=" + channel + '}';
    }
}
