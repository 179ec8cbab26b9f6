package io.hearsay.master.fault;

/** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1.5s}; a bare number is seconds. */
public final class Durations
{
    private Durations()
    {
    }

    public static long parseMs(final String text)
    {
        final String t = text.trim();
        try
        {
            if (t.endsWith("ms"))
            {
                return Math.round(Double.parseDouble(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s"))
            {
                return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
            }
            if (t.endsWith("m"))
            {
                return Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000);
            }
            return Math.round(Double.parseDouble(t) * 1000);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("duration '" + text + "' is not understood; accepted: 500ms, 5s, 1.5s, 2m");
        }
    }
}
