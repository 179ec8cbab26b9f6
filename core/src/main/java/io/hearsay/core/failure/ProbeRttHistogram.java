package io.hearsay.core.failure;

import java.util.Arrays;

/**
 * Round-trip times of a node's direct probes (its ping to the target's ack), as a log-linear histogram in
 * microseconds: exact below 16 us, then 8 sub-buckets per power of two (at most 12.5 % off), up to about 2^31 us.
 * Recent probes weigh most: once {@value #WINDOW} x 2 samples are held, every count is halved, so the percentiles follow
 * the last few hundred probes. Single writer (the duty-cycle thread); allocation-free.
 */
public final class ProbeRttHistogram
{
    /** samples held before the counts are halved (twice this many) */
    public static final int WINDOW = 256;
    private static final int LINEAR = 16;
    private static final int SUB_BITS = 3;
    private static final int MAX_EXPONENT = 31;
    private static final int SIZE = LINEAR + (MAX_EXPONENT - 4 + 1) * (1 << SUB_BITS);

    private final long[] counts = new long[SIZE];
    private long held;
    private long samples;

    /** Count one round trip (negative: ignored). */
    public void onRoundTripNs(final long rttNs)
    {
        if (rttNs < 0)
        {
            return;
        }
        counts[indexOf(rttNs / 1000)]++;
        held++;
        samples++;
        if (held >= 2L * WINDOW)
        {
            held = 0;
            for (int i = 0; i < SIZE; i++)
            {
                counts[i] >>= 1;
                held += counts[i];
            }
        }
    }

    static int indexOf(final long micros)
    {
        if (micros < LINEAR)
        {
            return (int)Math.max(0, micros);
        }
        final int exponent = Math.min(MAX_EXPONENT, 63 - Long.numberOfLeadingZeros(micros));
        final int sub = exponent == MAX_EXPONENT && micros >= (1L << (MAX_EXPONENT + 1)) ?
            (1 << SUB_BITS) - 1 : (int)((micros >>> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1));
        return LINEAR + (exponent - 4) * (1 << SUB_BITS) + sub;
    }

    /** @return the smallest value (us) of a bucket */
    static long lowerBoundMicros(final int index)
    {
        if (index < LINEAR)
        {
            return index;
        }
        final int exponent = 4 + (index - LINEAR) / (1 << SUB_BITS);
        final int sub = (index - LINEAR) % (1 << SUB_BITS);
        return (1L << exponent) + ((long)sub << (exponent - SUB_BITS));
    }

    /** @return the middle of a bucket (us) */
    static long midMicros(final int index)
    {
        if (index < LINEAR)
        {
            return index;
        }
        final long low = lowerBoundMicros(index);
        return low + (1L << (4 + (index - LINEAR) / (1 << SUB_BITS) - SUB_BITS)) / 2;
    }

    /** @return the round trip (us) below which {@code fraction} of the recent probes came back; 0 when none */
    public long percentileMicros(final double fraction)
    {
        long total = 0;
        for (int i = 0; i < SIZE; i++)
        {
            total += counts[i];
        }
        if (total == 0)
        {
            return 0;
        }
        final long rank = Math.max(1, (long)Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < SIZE; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return midMicros(i);
            }
        }
        return midMicros(SIZE - 1);
    }

    /** @return direct probes timed since the node started */
    public long samples()
    {
        return samples;
    }

    public void clear()
    {
        Arrays.fill(counts, 0);
        held = 0;
        samples = 0;
    }
}
