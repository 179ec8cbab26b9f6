package io.hearsay.core.impair;

import java.util.Locale;

/** Durations written with a unit, as every fault line takes them: {@code 250us}, {@code 5ms}, {@code 1.5s}, {@code 2m}. */
public final class Durations
{
    public static final String ACCEPTED = "a number with a unit ns, us, ms, s or m (e.g. 5ms, 1.5s, 2m)";

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
        final double factor;
        switch (t.substring(split))
        {
            case "ns" -> factor = 1;
            case "us" -> factor = 1e3;
            case "ms" -> factor = 1e6;
            case "s" -> factor = 1e9;
            case "m" -> factor = 60e9;
            default -> throw new IllegalArgumentException("bad duration '" + text + "'; accepted: " + ACCEPTED);
        }
        final double value;
        try
        {
            value = Double.parseDouble(t.substring(0, split));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad duration '" + text + "'; accepted: " + ACCEPTED);
        }
        if (!(value >= 0) || value * factor > 1e18)
        {
            throw new IllegalArgumentException("bad duration '" + text + "'; accepted: a value >= 0 and below 30 years");
        }
        return Math.round(value * factor);
    }

    /** the shortest exact text of {@code ns} that {@link #parseNs} reads back */
    public static String format(final long ns)
    {
        if (ns % 1_000_000_000L == 0 && ns != 0)
        {
            return ns / 1_000_000_000L + "s";
        }
        if (ns % 1_000_000L == 0)
        {
            return ns / 1_000_000L + "ms";
        }
        if (ns % 1_000L == 0)
        {
            return ns / 1_000L + "us";
        }
        return String.format(Locale.ROOT, "%dns", ns);
    }
}
