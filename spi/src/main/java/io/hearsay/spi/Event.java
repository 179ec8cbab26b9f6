package io.hearsay.spi;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * An application event as delivered to an application: a copy of the payload the application may keep.
 */
public final class Event
{
    private final EventId id;
    private final long createdWallNs;
    private final int hops;
    private final long fromAddress;
    private final byte[] payload;

    public Event(final EventId id, final long createdWallNs, final int hops, final long fromAddress, final byte[] payload)
    {
        this.id = id;
        this.createdWallNs = createdWallNs;
        this.hops = hops;
        this.fromAddress = fromAddress;
        this.payload = payload;
    }

    public EventId id()
    {
        return id;
    }

    /** Wall-clock time (ns since the epoch) at the origin when the event was created. */
    public long createdWallNs()
    {
        return createdWallNs;
    }

    /** Hops from the origin to this node (0 at the origin). */
    public int hops()
    {
        return hops;
    }

    /** The member this node learned the event from (itself at the origin). */
    public long fromAddress()
    {
        return fromAddress;
    }

    public int payloadLength()
    {
        return payload.length;
    }

    /** The payload (a view of this event's own copy). */
    public DirectBuffer payload()
    {
        return new UnsafeBuffer(payload);
    }

    /** A fresh copy of the payload. */
    public byte[] payloadBytes()
    {
        return payload.clone();
    }

    public String payloadAsString()
    {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString()
    {
        return "Event{" + id + ", createdWallNs=" + createdWallNs + ", hops=" + hops + ", bytes=" + payload.length + "}";
    }
}
