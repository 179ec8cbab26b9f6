package io.hearsay.core.rumor;

/**
 * Event numbering within a boot: an event's sequence is {@code (bootEpoch << 32) + n}, where {@code n} counts the
 * events the origin created in this boot from 1 and {@code bootEpoch} is the origin's boot id folded to 31 bits.
 * A restarted node (a new boot id) thus numbers its events in a range of its own, and the copies of its previous
 * life's events that peers still retain (as rumors or tombstones) are never mistaken for its new ones.
 * <p>
 * The fold is the identity for boot ids below 2^31 (the simulators' and tests' boot counters), so two boots of one
 * address always get distinct ranges there; for the daemon's boot ids (wall-clock nanoseconds at process start)
 * two boots share a range only if their ids agree in all 31 folded bits (about 2^-28 per pair, given microsecond
 * clocks).
 */
public final class EventSequences
{
    /** Events one boot may create: the low 32 bits of a sequence. */
    public static final long MAX_EVENTS_PER_BOOT = 0xFFFF_FFFFL;

    private EventSequences()
    {
    }

    /** The boot id folded to 31 bits (identity below 2^31). */
    public static long bootEpoch(final long bootId)
    {
        return (bootId ^ (bootId >>> 31) ^ (bootId >>> 62)) & 0x7FFF_FFFFL;
    }

    /** The sequence before this boot's first event (its first event is this plus 1). */
    public static long baseOf(final long bootId)
    {
        return bootEpoch(bootId) << 32;
    }

    /** The event's number within its origin's boot (1 for the first). */
    public static long numberInBoot(final long sequence)
    {
        return sequence & MAX_EVENTS_PER_BOOT;
    }

    /** The folded boot id the sequence was created in. */
    public static long epochOf(final long sequence)
    {
        return sequence >>> 32;
    }
}
