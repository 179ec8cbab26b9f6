package io.hearsay.core;

/**
 * What a node knows about itself and shares between its protocol parts: address, boot id, incarnation (raised to
 * refute), gossip round counter, and whether it is leaving. Single-threaded, like the rest of the core.
 */
public final class LocalState
{
    public final long address;
    public final long bootId;
    public long incarnation;
    public int round;
    public boolean left;

    public LocalState(final long address, final long bootId)
    {
        this.address = address;
        this.bootId = bootId;
    }
}
