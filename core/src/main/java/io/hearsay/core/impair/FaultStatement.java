package io.hearsay.core.impair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One fault line read by {@link FaultGrammar}: when (a scenario's {@code at TIME}, or none), the fault, and its
 * {@code key=value} arguments, each with the column it was written at so that a layer refusing a value can name
 * where it is ({@link #error}). Values were checked for their form when read; the typed getters convert them.
 *
 * @param source  what was read (a file name, {@code --impair}, {@code fault})
 * @param line    1-based line number; 0 for a one-line input
 * @param column  1-based column of the fault's word
 * @param time    the time as written ({@code 200ms}, {@code +2m}, {@code 21:30}); null when none
 * @param timeColumn 1-based column of the time; 0 when none
 * @param atNs    the time as an offset from the start; -1 when none or a wall-clock time
 * @param args    the arguments in written order
 * @param text    the statement as written
 */
public record FaultStatement(String source, int line, int column, String time, int timeColumn, long atNs, FaultVerb verb,
    Map<String, Arg> args, String text)
{
    /** one {@code key=value} (a flag's value is {@code true}) and the column of its key */
    public record Arg(String value, int column)
    {
    }

    /** whether the time is a wall-clock {@code HH:MM[:SS]} */
    public boolean isWallClock()
    {
        return time != null && atNs < 0;
    }

    public boolean has(final String key)
    {
        return args.containsKey(key);
    }

    public String text(final String key)
    {
        final Arg arg = args.get(key);
        if (arg == null)
        {
            throw error(null, "missing " + key + "=; usage: " + verb.usage());
        }
        return arg.value;
    }

    public String text(final String key, final String otherwise)
    {
        final Arg arg = args.get(key);
        return arg == null ? otherwise : arg.value;
    }

    public double probability(final String key)
    {
        return Double.parseDouble(text(key));
    }

    public long durationNs(final String key)
    {
        return Durations.parseNs(text(key));
    }

    public long durationNs(final String key, final long otherwiseNs)
    {
        return has(key) ? durationNs(key) : otherwiseNs;
    }

    public boolean flag(final String key)
    {
        return Boolean.parseBoolean(text(key, "false"));
    }

    public long kbit()
    {
        return Long.parseLong(text("kbit"));
    }

    /** {@code dist=} with {@code jitter=} */
    public DelayDistribution delay()
    {
        return DelayDistribution.parse(text("dist"), durationNs("jitter", 0));
    }

    /** {@code ge=}: P(good to bad), P(bad to good), loss in bad (default 1), loss in good (default 0) */
    public double[] gilbertElliott()
    {
        final String[] parts = text("ge").split(":");
        return new double[]{
            Double.parseDouble(parts[0]),
            Double.parseDouble(parts[1]),
            parts.length > 2 ? Double.parseDouble(parts[2]) : 1.0,
            parts.length > 3 ? Double.parseDouble(parts[3]) : 0.0};
    }

    /** {@code groups=A/B/...} split into selectors */
    public List<String> groups()
    {
        return new ArrayList<>(List.of(text("groups").split("/")));
    }

    /** where this statement (or its {@code key=}, when given and present) is, for an error message */
    public String where(final String key)
    {
        final Arg arg = key == null ? null : args.get(key);
        final int col = arg == null ? column : arg.column;
        return source + (line > 0 ? " line " + line + "," : "") + " column " + col;
    }

    /** an error naming the place and the item ({@code key=value}, or the whole statement when key is null) */
    public IllegalArgumentException error(final String key, final String message)
    {
        final Arg arg = key == null ? null : args.get(key);
        final String item = arg == null ? text : key + "=" + arg.value;
        return new IllegalArgumentException(where(key) + ": '" + item + "': " + message);
    }
}
