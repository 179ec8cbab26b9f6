package io.hearsay.sim.network;

/** Parses durations written with a unit: {@code 250us}, {@code 5ms}, {@code 1.5s}, {@code 100ns}. */
public final class Durations
{
    private Durations()
    {
    }

    /** @throws IllegalArgumentException naming the text and the accepted form */
    public static long parseNs(final String text)
    {
        final String t = text.trim();
        int split = t.length();
        while (split > 0 && Character.isLetter(t.charAt(split - 1)))
        {
            split--;
        }
        final String unit = t.substring(split);
        final double factor;
        switch (unit)
        {
            case "ns":
                factor = 1;
                break;
            case "us":
                factor = 1e3;
                break;
            case "ms":
                factor = 1e6;
                break;
            case "s":
                factor = 1e9;
                break;
            default:
                throw new IllegalArgumentException(
                    "bad duration '" + text + "'; accepted: a number with a unit ns, us, ms or s (e.g. 5ms, 1.5s)");
        }
        final double value;
        try
        {
            value = Double.parseDouble(t.substring(0, split));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "bad duration '" + text + "'; accepted: a number with a unit ns, us, ms or s (e.g. 5ms, 1.5s)");
        }
        if (!(value >= 0) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException("bad duration '" + text + "'; must be a finite value >= 0");
        }
        return Math.round(value * factor);
    }
}
