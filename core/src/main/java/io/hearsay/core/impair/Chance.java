package io.hearsay.core.impair;

import java.util.random.RandomGenerator;

/**
 * Bernoulli draws against a precomputed 53-bit threshold: one {@code nextLong()} per draw, no floating point on the
 * hot path. The same draw as the simulator's {@code SimRandom.chance}, so a simulated run's random stream is what it
 * was before the model moved to core.
 */
public final class Chance
{
    private Chance()
    {
    }

    /** the threshold of a probability in [0, 1] */
    public static long threshold(final double probability)
    {
        return (long)(probability * 0x1.0p53);
    }

    /** true with the probability whose {@link #threshold} is given */
    public static boolean draw(final RandomGenerator random, final long threshold)
    {
        return (random.nextLong() >>> 11) < threshold;
    }

    /** @throws IllegalArgumentException unless {@code p} is in [0, 1] */
    public static double probability(final String what, final double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new IllegalArgumentException(what + " " + p + " is not a probability; accepted: 0..1");
        }
        return p;
    }
}
