package io.hearsay.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a benchmark's {@code main}: {@code --name value} pairs and bare flags, each checked against what the
 * benchmark accepts; a wrong one is refused with a line naming it and what is accepted.
 */
public final class BenchArgs
{
    private final Map<String, String> values = new LinkedHashMap<>();
    private final String accepted;

    private BenchArgs(final String accepted)
    {
        this.accepted = accepted;
    }

    /**
     * @param options names that take a value (e.g. {@code --nodes})
     * @param flags   names that take none (e.g. {@code --keep})
     * @param usage   what is accepted, as the error line shows it
     */
    public static BenchArgs parse(final String[] args, final List<String> options, final List<String> flags, final String usage)
    {
        final BenchArgs parsed = new BenchArgs(usage);
        for (int i = 0; i < args.length; i++)
        {
            final String name = args[i];
            if (flags.contains(name))
            {
                parsed.values.put(name, "true");
            }
            else if (options.contains(name))
            {
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException("option " + name + " needs a value; accepted: " + usage);
                }
                parsed.values.put(name, args[++i]);
            }
            else
            {
                throw new IllegalArgumentException("unknown option '" + name + "'; accepted: " + usage);
            }
        }
        return parsed;
    }

    public String text(final String name, final String otherwise)
    {
        return values.getOrDefault(name, otherwise);
    }

    public boolean flag(final String name)
    {
        return values.containsKey(name);
    }

    public int intValue(final String name, final int otherwise)
    {
        final long value = longValue(name, otherwise);
        if (value != (int)value)
        {
            throw new IllegalArgumentException("option " + name + ": " + value + " is too large; accepted: " + accepted);
        }
        return (int)value;
    }

    public long longValue(final String name, final long otherwise)
    {
        final String text = values.get(name);
        if (text == null)
        {
            return otherwise;
        }
        try
        {
            return Long.parseLong(text.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("option " + name + ": '" + text + "' is not a whole number; accepted: " +
                accepted);
        }
    }
}
