package io.hearsay.bench.peers;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a peer library's members in this JVM share, whatever the library: the trial's settings, which hosted members
 * are crashed, member 0's address, the configuration as applied, and the messages and bytes the library was handed
 * to send (counted by the subclass where the library hands them to its transport).
 */
public abstract class PeerLibraryCluster implements PeerCluster
{
    protected TrialSettings settings;
    protected boolean[] crashed;
    protected String seedAddress = "";
    protected String configuration = "";
    protected final AtomicLong messagesSent = new AtomicLong();
    protected final AtomicLong bytesSent = new AtomicLong();

    /** the member name a library is given for member {@code index} of the trial */
    protected static String memberName(final int index)
    {
        return "m" + index;
    }

    @Override
    public String seedAddress()
    {
        return seedAddress;
    }

    @Override
    public long[] sent()
    {
        return new long[]{messagesSent.get(), bytesSent.get()};
    }

    @Override
    public String configuration()
    {
        return configuration;
    }
}
