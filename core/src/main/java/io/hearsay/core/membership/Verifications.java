package io.hearsay.core.membership;

/**
 * New senders waiting to prove they are at their source address: each got a bare ping with a fresh sequence and
 * is admitted only when the ack with that sequence comes back from the same address. A fixed number of entries,
 * each held for one probe period, bounds both the table and the pings sent to addresses nobody verified.
 * An entry may be renewed a bounded number of times ({@link #dueEntry}, {@link #renew}): the pings of a member
 * introduced by a third party are sent again when unanswered (a lost ping or ack otherwise left it out until it was
 * named again, often only by the next anti-entropy exchange). Allocation-free.
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
    private final int[] retriesLeft;
    private long nextSequence;
    /** no entry with retries left expires before this (may be early: then a pass finds nothing and moves it on) */
    private long earliestRetryNs = Long.MAX_VALUE;

    public Verifications(final int capacity)
    {
        addresses = new long[capacity];
        sequences = new long[capacity];
        expiresNs = new long[capacity];
        wantsFullState = new boolean[capacity];
        theirSequences = new long[capacity];
        active = new boolean[capacity];
        retriesLeft = new int[capacity];
    }

    private int indexOf(final long address, final long nowNs)
    {
        for (int i = 0; i < addresses.length; i++)
        {
            if (active[i] && addresses[i] == address && expiresNs[i] - nowNs > 0)
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
     * Start verifying {@code address} until {@code nowNs + holdNs}, to be pinged again up to {@code retries} times
     * when unanswered ({@link #dueEntry}).
     *
     * @return the sequence to ping it with, or 0 when every entry is taken
     */
    public long start(
        final long address, final boolean fullState, final long theirSequence, final long nowNs, final long holdNs,
        final int retries)
    {
        for (int i = 0; i < addresses.length; i++)
        {
            if (!active[i] || expiresNs[i] - nowNs <= 0)
            {
                active[i] = true;
                addresses[i] = address;
                sequences[i] = SEQUENCE_BIT | (++nextSequence & (SEQUENCE_BIT - 1));
                expiresNs[i] = nowNs + holdNs;
                wantsFullState[i] = fullState;
                theirSequences[i] = theirSequence;
                retriesLeft[i] = retries;
                if (retries > 0 && expiresNs[i] - earliestRetryNs < 0)
                {
                    earliestRetryNs = expiresNs[i];
                }
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

    /** when {@link #dueEntry} may next find an entry (Long.MAX_VALUE: none has retries left) */
    public long nextRetryNs()
    {
        return earliestRetryNs;
    }

    /**
     * An entry whose hold ran out unanswered with retries left, or -1 (then {@link #nextRetryNs} has moved on).
     * Renew it ({@link #renew}) or close it ({@link #close}) before asking again.
     */
    public int dueEntry(final long nowNs)
    {
        if (nowNs - earliestRetryNs < 0)
        {
            return -1;
        }
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < addresses.length; i++)
        {
            if (active[i] && retriesLeft[i] > 0)
            {
                if (expiresNs[i] - nowNs <= 0)
                {
                    return i;
                }
                earliest = Math.min(earliest, expiresNs[i]);
            }
        }
        earliestRetryNs = earliest;
        return -1;
    }

    public long address(final int entry)
    {
        return addresses[entry];
    }

    /** hold a due entry for another {@code holdNs} under a fresh sequence (one retry spent). @return the sequence */
    public long renew(final int entry, final long nowNs, final long holdNs)
    {
        retriesLeft[entry]--;
        sequences[entry] = SEQUENCE_BIT | (++nextSequence & (SEQUENCE_BIT - 1));
        expiresNs[entry] = nowNs + holdNs;
        return sequences[entry];
    }

    /** give a due entry up (its address was admitted another way, or is no longer wanted) */
    public void close(final int entry)
    {
        active[entry] = false;
    }

    public boolean wantsFullState(final int entry)
    {
        return wantsFullState[entry];
    }

    public long theirSequence(final int entry)
    {
        return theirSequences[entry];
    }
}
