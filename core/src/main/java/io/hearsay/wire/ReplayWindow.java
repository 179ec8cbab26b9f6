package io.hearsay.wire;

/**
 * Anti-replay for sealed datagrams (as IPsec and DTLS do it): each sender's datagrams carry an authenticated,
 * increasing sequence (the sealing cipher's nonce counter; {@link PacketCipher#lastOpenedSequence()}), and a receiver
 * keeps per sender the highest sequence seen and a bitmap of the {@value #WINDOW_SEQUENCES} below it. A sequence
 * already seen, or more than the window below the highest, is refused; reordering inside the window is accepted.
 * <p>
 * A sender is a process: the caller's sender key (the daemon passes the IPv4 address of the authenticated envelope's
 * sender, so every node of one process shares the process's dense counter) and its cipher's random nonce prefix (a
 * restarted process gets a new prefix, and so a fresh window). The table is bounded: {@value #WAYS}-way sets, the least recently used sender of a full set forgotten; a
 * forgotten sender's next datagram opens a new window, so an old capture of a sender crowded out by more than
 * {@code capacity} others is accepted once more. Allocation-free after construction; single threaded.
 */
public final class ReplayWindow
{
    public static final int WINDOW_SEQUENCES = 1024;
    public static final int WAYS = 4;
    private static final int WORDS = WINDOW_SEQUENCES / 64;

    private final int setMask;
    private final long[] senders;
    private final int[] prefixes;
    /** 0 = empty slot (sequences start at 1) */
    private final long[] highest;
    private final long[] lastUsed;
    /** bit (s mod WINDOW) of slot i set = sequence s seen, for s in (highest - WINDOW, highest] */
    private final long[] seen;
    private long tick;

    /** @param capacity senders remembered (rounded up to a power of two, at least {@value #WAYS}) */
    public ReplayWindow(final int capacity)
    {
        if (capacity < 1 || capacity > 1 << 20)
        {
            throw new IllegalArgumentException("replay window capacity " + capacity + "; accepted: 1..1048576 senders");
        }
        final int slots = Math.max(WAYS, Integer.highestOneBit(capacity - 1) << 1);
        setMask = slots / WAYS - 1;
        senders = new long[slots];
        prefixes = new int[slots];
        highest = new long[slots];
        lastUsed = new long[slots];
        seen = new long[slots * WORDS];
    }

    /**
     * @return true when {@code sequence} of this sender is new (and now recorded); false for a replay or a sequence
     * older than the window
     */
    public boolean onSequence(final long sender, final int prefix, final long sequence)
    {
        if (sequence <= 0)
        {
            return false;
        }
        tick++;
        final int base = set(sender, prefix) * WAYS;
        int victim = -1;
        for (int i = base; i < base + WAYS; i++)
        {
            if (highest[i] == 0)
            {
                if (victim < 0 || highest[victim] != 0)
                {
                    victim = i;
                }
            }
            else if (senders[i] == sender && prefixes[i] == prefix)
            {
                lastUsed[i] = tick;
                return onKnownSender(i, sequence);
            }
            else if (victim < 0 || (highest[victim] != 0 && lastUsed[i] < lastUsed[victim]))
            {
                victim = i;
            }
        }
        senders[victim] = sender;
        prefixes[victim] = prefix;
        highest[victim] = sequence;
        lastUsed[victim] = tick;
        java.util.Arrays.fill(seen, victim * WORDS, victim * WORDS + WORDS, 0L);
        mark(victim, sequence);
        return true;
    }

    private boolean onKnownSender(final int slot, final long sequence)
    {
        final long top = highest[slot];
        if (sequence > top)
        {
            final long advance = sequence - top;
            if (advance >= WINDOW_SEQUENCES)
            {
                java.util.Arrays.fill(seen, slot * WORDS, slot * WORDS + WORDS, 0L);
            }
            else
            {
                for (long s = top + 1; s < sequence; s++)
                {
                    clear(slot, s);
                }
            }
            highest[slot] = sequence;
            mark(slot, sequence);
            return true;
        }
        if (top - sequence >= WINDOW_SEQUENCES || isMarked(slot, sequence))
        {
            return false;
        }
        mark(slot, sequence);
        return true;
    }

    private int set(final long sender, final int prefix)
    {
        long h = sender * 0x9E3779B97F4A7C15L ^ prefix * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int)h & setMask;
    }

    private void mark(final int slot, final long sequence)
    {
        final int bit = (int)(sequence & (WINDOW_SEQUENCES - 1));
        seen[slot * WORDS + (bit >>> 6)] |= 1L << bit;
    }

    private void clear(final int slot, final long sequence)
    {
        final int bit = (int)(sequence & (WINDOW_SEQUENCES - 1));
        seen[slot * WORDS + (bit >>> 6)] &= ~(1L << bit);
    }

    private boolean isMarked(final int slot, final long sequence)
    {
        final int bit = (int)(sequence & (WINDOW_SEQUENCES - 1));
        return (seen[slot * WORDS + (bit >>> 6)] & (1L << bit)) != 0;
    }
}
