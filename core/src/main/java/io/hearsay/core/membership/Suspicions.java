package io.hearsay.core.membership;

import java.util.Arrays;

/**
 * Open suspicions, one per member slot (memberlist suspicion.go without a timer object): when it started, the
 * timeout bounds, how many independent confirmations are wanted and who confirmed. Each new confirmation shortens
 * the timeout along {@link SwimMath#suspicionTimeoutNs(int, int, long, long)}. A generation number per slot lets
 * a timer entry recognise that the suspicion it was set for is gone.
 */
public final class Suspicions
{
    private final int maxConfirmers;
    private long[] startNs = new long[0];
    private long[] minNs = new long[0];
    private long[] maxNs = new long[0];
    private int[] wanted = new int[0];
    private int[] confirmations = new int[0];
    private int[] generations = new int[0];
    private boolean[] open = new boolean[0];
    private long[] confirmers = new long[0];

    public Suspicions(final int maxConfirmers)
    {
        this.maxConfirmers = Math.max(1, maxConfirmers + 1);
    }

    private void ensure(final int slot)
    {
        if (slot >= open.length)
        {
            final int capacity = Math.max(16, Math.max(slot + 1, open.length * 2));
            startNs = Arrays.copyOf(startNs, capacity);
            minNs = Arrays.copyOf(minNs, capacity);
            maxNs = Arrays.copyOf(maxNs, capacity);
            wanted = Arrays.copyOf(wanted, capacity);
            confirmations = Arrays.copyOf(confirmations, capacity);
            generations = Arrays.copyOf(generations, capacity);
            open = Arrays.copyOf(open, capacity);
            confirmers = Arrays.copyOf(confirmers, capacity * maxConfirmers);
        }
    }

    /** Opens a suspicion raised by {@code from}. @return its generation */
    public int start(
        final int slot, final long nowNs, final int wantedConfirmations, final long minTimeoutNs, final long maxTimeoutNs,
        final long from)
    {
        ensure(slot);
        open[slot] = true;
        startNs[slot] = nowNs;
        wanted[slot] = Math.min(wantedConfirmations, maxConfirmers - 1);
        minNs[slot] = minTimeoutNs;
        maxNs[slot] = wanted[slot] < 1 ? minTimeoutNs : maxTimeoutNs;
        confirmations[slot] = 0;
        confirmers[slot * maxConfirmers] = from;
        return ++generations[slot];
    }

    /** A suspicion by another member. @return true when it was a new, independent confirmation */
    public boolean confirm(final int slot, final long from)
    {
        if (!isOpen(slot) || confirmations[slot] >= wanted[slot])
        {
            return false;
        }
        final int base = slot * maxConfirmers;
        final int known = confirmations[slot] + 1;
        for (int i = 0; i < known; i++)
        {
            if (confirmers[base + i] == from)
            {
                return false;
            }
        }
        confirmers[base + known] = from;
        confirmations[slot]++;
        return true;
    }

    public void clear(final int slot)
    {
        if (slot < open.length && open[slot])
        {
            open[slot] = false;
            generations[slot]++;
        }
    }

    public boolean isOpen(final int slot)
    {
        return slot < open.length && open[slot];
    }

    public int generation(final int slot)
    {
        return slot < generations.length ? generations[slot] : 0;
    }

    public int confirmations(final int slot)
    {
        return confirmations[slot];
    }

    /** when the suspicion in {@code slot} expires with the confirmations it has now */
    public long deadlineNs(final int slot)
    {
        return startNs[slot] + SwimMath.suspicionTimeoutNs(confirmations[slot], wanted[slot], minNs[slot], maxNs[slot]);
    }
}
