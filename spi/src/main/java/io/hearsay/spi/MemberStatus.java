package io.hearsay.spi;

/** A member's status as one node sees it; mirrors the daemon's status (same names, same order). */
public enum MemberStatus
{
    ALIVE, SUSPECT, DEAD, LEFT;

    private static final MemberStatus[] VALUES = values();

    public static MemberStatus fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** Alive or suspect: still counted as a member. */
    public boolean isLive()
    {
        return this == ALIVE || this == SUSPECT;
    }
}
