package io.hearsay.spi;

/** No reply to a {@link Cluster#request} arrived within its timeout. */
public final class RequestTimeoutException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(final String memberAddress, final long timeoutMs)
    {
        super("no reply from " + memberAddress + " within " + timeoutMs + " ms");
    }
}
