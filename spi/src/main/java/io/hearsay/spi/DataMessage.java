package io.hearsay.spi;

import java.nio.charset.StandardCharsets;

/**
 * Application data from a member: a request ({@link IncomingData}) or a reply ({@link Response}). The bytes are a
 * copy the application may keep.
 */
public abstract class DataMessage
{
    private final long fromAddress;
    private final long correlationId;
    private final byte[] data;

    protected DataMessage(final long fromAddress, final long correlationId, final byte[] data)
    {
        this.fromAddress = fromAddress;
        this.correlationId = correlationId;
        this.data = data;
    }

    public long fromAddress()
    {
        return fromAddress;
    }

    /** Pairs a request with its reply. */
    public long correlationId()
    {
        return correlationId;
    }

    /** A fresh copy of the data. */
    public byte[] data()
    {
        return data.clone();
    }

    public int dataLength()
    {
        return data.length;
    }

    public String dataAsString()
    {
        return new String(data, StandardCharsets.UTF_8);
    }
}
