package io.hearsay.core;

/** How a node first learned an event; recorded in every EventLearned record. Append only. */
public enum Channel
{
    /** a peer pushed it in a gossip message */
    PUSH,
    /** we asked (pull request with digest) and a peer answered with it */
    PULL,
    /** it rode on a probe, ack or application data message */
    PIGGYBACK,
    /** periodic full exchange of digests */
    ANTI_ENTROPY,
    /** this node created it */
    ORIGIN;

    private static final Channel[] VALUES = values();

    public static Channel fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
