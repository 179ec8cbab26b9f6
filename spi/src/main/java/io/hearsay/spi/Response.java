package io.hearsay.spi;

import java.nio.charset.StandardCharsets;

/**
 * A member's reply to a {@link Cluster#request}.
 */
public final class Response
{
    private final long fromAddress;
    private final long correlationId;
    private final byte[] data;

    public Response(final long fromAddress, final long correlationId, final byte[] data)
    {
        this.fromAddress = fromAddress;
        this.correlationId = correlationId;
        this.data = data;
    }

    public long fromAddress()
    {
        return fromAddress;
    }

    public long correlationId()
    {
        return correlationId;
    }

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
