package io.hearsay.core.membership;

/**
 * New senders waiting to prove they are at their source address: each got a bare ping with a fresh sequence and
 * is admitted only when the ack with that sequence comes back from the same address. A fixed number of entries,
 * each held for one probe period, bounds both the table and the pings sent to addresses nobody verified. An entry
 * started on a member's word (not the unknown sender's own) may be pinged again a few times ({@link #nextRetry}):
 * it stays taken until its last ping expires.
 * Allocation-free.
 */
public final class Verifications
{
    /** verification pings use sequences with this bit set, apart from the failure detector's */
    public static final long SEQUENCE_BIT = 1L << 62;

    private final long[] addresses;
    private final long[] sequences;
    private final long[] expiresNs;
    private final boolean[] wantsFullState;
    private final long[] theirSequences;
    private final boolean[] active;
    private final byte[] retries;
    private long nextSequence;

    public Verifications(final int capacity)
    {
        addresses = new long[capacity];
        sequences = new long[capacity];
        expiresNs = new long[capacity];
        wantsFullState = new boolean[capacity];
        theirSequences = new long[capacity];
        active = new boolean[capacity];
        retries = new byte[capacity];
    }

    private int indexOf(final long address, final long nowNs)
    {
        for (int i = 0; i < addresses.length; i++)
        {
            if (active[i] && addresses[i] == address && (expiresNs[i] - nowNs > 0 || retries[i] > 0))
            {
                return i;
            }
        }
        return -1;
    }

    /** whether a verification of {@code address} is under way */
    public boolean pending(final long address, final long nowNs)
    {
        return indexOf(address, nowNs) >= 0;
    }

    /** A sender already under verification asks for our full state once it is admitted. */
    public void wantFullState(final long address, final long nowNs)
    {
        final int i = indexOf(address, nowNs);
        if (i >= 0)
        {
            wantsFullState[i] = true;
        }
    }

    /**
     * Start verifying {@code address} until {@code nowNs + holdNs}.
     *
     * @param theirSequence the sequence of the sender's own ping (acked once it is admitted), or 0
     * @return the sequence to ping it with, or 0 when every entry is taken (the caller counts the refusal)
     */
    public long start(
        final long address, final boolean fullState, final long theirSequence, final long nowNs, final long holdNs)
    {
        return start(address, fullState, theirSequence, nowNs, holdNs, 0);
    }

    /**
     * @param retryCount how many more times the address may be pinged ({@link #nextRetry}) while it does not answer
     */
    public long start(
        final long address, final boolean fullState, final long theirSequence, final long nowNs, final long holdNs,
        final int retryCount)
    {
        for (int i = 0; i < addresses.length; i++)
        {
            if (!active[i] || (expiresNs[i] - nowNs <= 0 && retries[i] == 0))
            {
                retries[i] = (byte)retryCount;
                active[i] = true;
                addresses[i] = address;
                sequences[i] = freshSequence();
                expiresNs[i] = nowNs + holdNs;
                wantsFullState[i] = fullState;
                theirSequences[i] = theirSequence;
                return sequences[i];
            }
        }
        return 0;
    }

    /**
     * An ack came from {@code address}: does it complete a verification? The entry is then closed (its
     * {@link #wantsFullState(int)} and {@link #theirSequence(int)} stay readable until it is reused).
     *
     * @return the entry, or -1
     */
    public int onAck(final long address, final long sequence, final long nowNs)
    {
        final int i = indexOf(address, nowNs);
        if (i < 0 || sequences[i] != sequence)
        {
            return -1;
        }
        active[i] = false;
        return i;
    }

    /**
     * The next entry whose ping went unanswered for its hold and that may be pinged again: it gets a fresh sequence
     * and another hold, one retry fewer: {@code holdNs}, or {@code lastHoldNs} for its last {@code lastRetries}
     * retries (quick retries at a join burst, slower ones for a member behind a partition).
     *
     * @return the entry (ping {@link #address(int)} with {@link #sequence(int)}), or -1 when none is due
     */
    public int nextRetry(final long nowNs, final long holdNs, final int lastRetries, final long lastHoldNs)
    {
        for (int i = 0; i < addresses.length; i++)
        {
            if (active[i] && retries[i] > 0 && expiresNs[i] - nowNs <= 0)
            {
                retries[i]--;
                sequences[i] = freshSequence();
                expiresNs[i] = nowNs + (retries[i] < lastRetries ? lastHoldNs : holdNs);
                return i;
            }
        }
        return -1;
    }

    public long address(final int entry)
    {
        return addresses[entry];
    }

    public long sequence(final int entry)
    {
        return sequences[entry];
    }

    public boolean wantsFullState(final int entry)
    {
        return wantsFullState[entry];
    }

    public long theirSequence(final int entry)
    {
        return theirSequences[entry];
    }

    private long freshSequence()
    {
        return SEQUENCE_BIT | (++nextSequence & (SEQUENCE_BIT - 1));
    }
}
