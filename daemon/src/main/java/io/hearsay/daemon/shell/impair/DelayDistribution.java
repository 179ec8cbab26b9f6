package io.hearsay.daemon.shell.impair;

import java.util.random.RandomGenerator;

/** How a packet's delay is drawn around its mean; jitter is the spread (half-width, standard deviation, or unused). */
public enum DelayDistribution
{
    /** always the mean; jitter ignored */
    CONSTANT,
    /** uniform in [mean - jitter, mean + jitter] */
    UNIFORM,
    /** normal with standard deviation jitter, truncated at 0 */
    NORMAL,
    /** exponential with the given mean (a heavy-ish tail); jitter ignored */
    EXPONENTIAL;

    /** @return a delay drawn from this distribution, never negative */
    public long sampleNs(final RandomGenerator random, final long meanNs, final long jitterNs)
    {
        final long delayNs;
        switch (this)
        {
            case UNIFORM:
                delayNs = jitterNs <= 0 ? meanNs : meanNs - jitterNs + (long)(random.nextDouble() * (2.0 * jitterNs));
                break;
            case NORMAL:
                delayNs = meanNs + (long)(random.nextGaussian() * jitterNs);
                break;
            case EXPONENTIAL:
                delayNs = (long)(-Math.log(1.0 - random.nextDouble()) * meanNs);
                break;
            case CONSTANT:
            default:
                delayNs = meanNs;
                break;
        }
        return Math.max(0, delayNs);
    }

    public String cliName()
    {
        return name().toLowerCase();
    }

    public static DelayDistribution fromCliName(final String name)
    {
        for (final DelayDistribution d : values())
        {
            if (d.cliName().equals(name))
            {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown delay distribution '" + name +
            "'; accepted: constant, uniform, normal, exponential");
    }
}
