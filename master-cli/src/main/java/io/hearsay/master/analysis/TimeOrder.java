package io.hearsay.master.analysis;

import java.util.Arrays;

/**
 * The order of records by time, as a permutation, without boxing: time and index are packed into one long and
 * sorted with {@link Arrays#sort(long[], int, int)} (which merges the already sorted runs that queues deliver), then
 * any order lost to packing (very long time ranges) is restored by an insertion pass on the exact times.
 * Ties keep their input order.
 */
public final class TimeOrder
{
    private TimeOrder()
    {
    }

    /** Indices 0..n−1 ordered by {@code timesNs[i]} ascending. */
    public static int[] permutation(final long[] timesNs, final int n)
    {
        final int[] order = new int[n];
        if (n == 0)
        {
            return order;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean sorted = true;
        for (int i = 0; i < n; i++)
        {
            final long t = timesNs[i];
            if (i > 0 && t < timesNs[i - 1])
            {
                sorted = false;
            }
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        if (sorted)
        {
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }
            return order;
        }
        final int indexBits = Math.max(1, 64 - Long.numberOfLeadingZeros(n - 1));
        final long range = max - min; // may overflow for absurd inputs: handled by the unsigned shift below
        final int rangeBits = range < 0 ? 64 : 64 - Long.numberOfLeadingZeros(range);
        final int shift = Math.max(0, rangeBits - (63 - indexBits));
        final long mask = (1L << indexBits) - 1;
        final long[] keys = new long[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = (((timesNs[i] - min) >>> shift) << indexBits) | i;
        }
        Arrays.sort(keys);
        for (int i = 0; i < n; i++)
        {
            order[i] = (int)(keys[i] & mask);
        }
        if (shift > 0)
        {
            for (int i = 1; i < n; i++)
            {
                final int v = order[i];
                final long t = timesNs[v];
                int j = i - 1;
                while (j >= 0 && timesNs[order[j]] > t)
                {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = v;
            }
        }
        return order;
    }
}
