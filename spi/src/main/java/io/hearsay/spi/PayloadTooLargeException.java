package io.hearsay.spi;

/** An event payload, data message or reply is larger than the node's budget for it. */
public final class PayloadTooLargeException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int limit;

    public PayloadTooLargeException(final String what, final int length, final int limit)
    {
        super(what + " of " + length + " bytes exceeds the limit of " + limit + " bytes");
        this.length = length;
        this.limit = limit;
    }

    public int length()
    {
        return length;
    }

    public int limit()
    {
        return limit;
    }
}
