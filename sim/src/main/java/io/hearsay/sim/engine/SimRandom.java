package io.hearsay.sim.engine;

import java.util.random.RandomGenerator;

/**
 * The one seeded random source of a simulation run: xoroshiro128++ (Blackman &amp; Vigna), seeded through
 * SplitMix64 so that any 64-bit seed, 0 included, gives a well-mixed state. Not thread-safe; allocation-free.
 * Bounded integers use Lemire's multiply-shift without rejection: the bias is below bound / 2^32, far under
 * anything a simulation of at most 2^31 nodes can see.
 */
public final class SimRandom implements RandomGenerator
{
    private long s0;
    private long s1;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    public SimRandom(final long seed)
    {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        if ((s0 | s1) == 0)
        {
            s1 = 1;
        }
    }

    /** SplitMix64's finaliser: also used to derive independent sub-seeds (per run, per node) from one seed */
    public static long mix(final long value)
    {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** the seed of run {@code runIndex} of a series started with {@code seed} */
    public static long runSeed(final long seed, final int runIndex)
    {
        return runIndex == 0 ? seed : mix(seed + 0x9E3779B97F4A7C15L * runIndex);
    }

    @Override
    public long nextLong()
    {
        final long a = s0;
        long b = s1;
        final long result = Long.rotateLeft(a + b, 17) + a;
        b ^= a;
        s0 = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
        s1 = Long.rotateLeft(b, 28);
        return result;
    }

    /**
     * Fills {@code into} with the next {@code into.length} values of {@link #nextLong()}, in order, with the state in
     * registers: a hot loop takes its draws from such a block and maps them with {@link #bounded(long, int)} and
     * {@link #isChance(long, long)}, exactly as {@link #nextInt(int)} and {@link #chance(long)} would.
     */
    public void nextLongs(final long[] into)
    {
        long a = s0;
        long b = s1;
        for (int k = 0; k < into.length; k++)
        {
            into[k] = Long.rotateLeft(a + b, 17) + a;
            b ^= a;
            a = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
            b = Long.rotateLeft(b, 28);
        }
        s0 = a;
        s1 = b;
    }

    /** uniform in [0, bound), bound &gt; 0 */
    @Override
    public int nextInt(final int bound)
    {
        return bounded(nextLong(), bound);
    }

    /** the draw {@code raw} of {@link #nextLong()} mapped to [0, bound) as {@link #nextInt(int)} maps it */
    public static int bounded(final long raw, final int bound)
    {
        return (int)(((raw >>> 32) * bound) >>> 32);
    }

    /** uniform in [0, 1) with 53 random bits */
    @Override
    public double nextDouble()
    {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** true with probability p (p given as a 53-bit threshold from {@link #threshold(double)}) */
    public boolean chance(final long threshold)
    {
        return isChance(nextLong(), threshold);
    }

    /** the draw {@code raw} of {@link #nextLong()} read as {@link #chance(long)} reads it */
    public static boolean isChance(final long raw, final long threshold)
    {
        return (raw >>> 11) < threshold;
    }

    /** the threshold for {@link #chance(long)} of a probability in [0, 1] */
    public static long threshold(final double probability)
    {
        return (long)(probability * 0x1.0p53);
    }

    /** standard normal, Marsaglia's polar method; allocation-free */
    @Override
    public double nextGaussian()
    {
        if (hasSpareGaussian)
        {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do
        {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        final double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }
}
