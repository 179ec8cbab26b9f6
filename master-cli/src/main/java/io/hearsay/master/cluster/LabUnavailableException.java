package io.hearsay.master.cluster;

/** No Docker engine (or base image) can be had on this machine; the message says why. */
public final class LabUnavailableException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    public LabUnavailableException(final String reason)
    {
        super(reason);
    }
}
