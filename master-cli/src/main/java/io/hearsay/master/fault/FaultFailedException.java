package io.hearsay.master.fault;

/** A fault that could not be made: the reason, and what to use instead. Never recorded as applied. */
public final class FaultFailedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String fallback;

    public FaultFailedException(final String reason, final String fallback)
    {
        super(reason + (fallback == null ? "" : "; fallback: " + fallback));
        this.fallback = fallback;
    }

    public String fallback()
    {
        return fallback;
    }
}
