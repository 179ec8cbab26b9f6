package io.hearsay.spi;

/**
 * A member's reply to a {@link Cluster#request}.
 */
public final class Response extends DataMessage
{
    public Response(final long fromAddress, final long correlationId, final byte[] data)
    {
        super(fromAddress, correlationId, data);
    }
}
