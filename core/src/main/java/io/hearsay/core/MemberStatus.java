package io.hearsay.core;

/** A member's state as one node sees it. Append only (ordinals are logged). */
public enum MemberStatus
{
    ALIVE, SUSPECT, DEAD, LEFT;

    private static final MemberStatus[] VALUES = values();

    public static MemberStatus fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
