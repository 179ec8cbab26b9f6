package io.hearsay.master.options;

import io.hearsay.core.Addresses;

/** Parsing of command-line values shared by several commands; every error names the value and what is accepted. */
public final class CliValues
{
    private CliValues()
    {
    }

    public static long[] seeds(final String text)
    {
        if (text == null || text.isBlank())
        {
            return new long[0];
        }
        final String[] parts = text.split(",");
        final long[] seeds = new long[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            try
            {
                seeds[i] = Addresses.parse(parts[i].trim());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("--seeds: " + ex.getMessage() + "; accepted: ip:port[,ip:port...]");
            }
        }
        return seeds;
    }

    public static double probability(final String option, final double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new IllegalArgumentException(option + " " + value + " is not a probability; accepted: 0..1");
        }
        return value;
    }
}
