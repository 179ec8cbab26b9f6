package io.hearsay.core.impair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one fault grammar, read by the daemon ({@code --impair}, control {@code IMPAIR}), the simulator's scenario
 * files, {@code ./hearsay fault} and scenario files of experiments:
 * <pre>
 *   # a scenario file: one fault a line, comments after #
 *   seed 42                                   (optional: the seed of random:K selections)
 *   at 0s     loss p=0.05
 *   at 0s     loss ge=0.01:0.3:0.8           Gilbert-Elliott bursts
 *   at 0s     delay dist=lognormal:10ms,0.5 jitter=1ms
 *   at 200ms  partition groups=n0-n499/rest
 *   at 1s     heal
 *   at 300ms  crash nodes=n17-n19
 *   at 300ms  sleep nodes=n20 for=2s
 * </pre>
 * A statement is {@code FAULT key=value...} ({@link FaultVerb#usageTable()}); a scenario line puts {@code at TIME}
 * before it (TIME an offset such as {@code 200ms}, {@code +2m}, or a wall-clock {@code HH:MM[:SS]}). The daemon's
 * impairment joins statements with {@code ;}. Keys mean the same in every fault ({@link #KEYS}); node selectors
 * ({@code nodes=}, {@code groups=}) are kept as written and resolved by the layer that knows the nodes. A bad line
 * is refused with its line, column, the item and what is accepted.
 */
public final class FaultGrammar
{
    /** every key and the form of its value */
    public static final Map<String, String> KEYS;

    static
    {
        final Map<String, String> keys = new LinkedHashMap<>();
        keys.put("p", "a probability 0..1");
        keys.put("ge", "GB:BG[:LOSS_BAD[:LOSS_GOOD]], probabilities 0..1");
        keys.put("dist", DelayDistribution.ACCEPTED);
        keys.put("jitter", Durations.ACCEPTED);
        keys.put("hold", Durations.ACCEPTED);
        keys.put("for", Durations.ACCEPTED);
        keys.put("kbit", "a whole number >= 8");
        keys.put("nodes", "a node selector such as all, n3, n0-n99, c0-c7, half (comma list)");
        keys.put("groups", "two or more node selectors separated by / (rest = every other node)");
        keys.put("one-way", "a flag (one-way or one-way=true|false)");
        keys.put("layer", "kernel, daemon or process");
        keys.put("side", "in or out");
        KEYS = Collections.unmodifiableMap(keys);
    }

    /** a parsed scenario: the seed line if any, and the statements in file order */
    public record Script(Long seed, int seedLine, List<FaultStatement> statements)
    {
    }

    private FaultGrammar()
    {
    }

    /** A scenario: {@code seed N} and {@code at TIME FAULT key=value...} lines, {@code #} comments. */
    public static Script parseScript(final String source, final String text)
    {
        Long seed = null;
        int seedLine = 0;
        final List<FaultStatement> statements = new ArrayList<>();
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final int hash = lines[i].indexOf('#');
            final String line = hash >= 0 ? lines[i].substring(0, hash) : lines[i];
            final List<int[]> words = words(line, 0, line.length());
            if (words.isEmpty())
            {
                continue;
            }
            final String first = word(line, words.get(0));
            if (first.equals("seed"))
            {
                if (words.size() != 2)
                {
                    throw error(source, i + 1, words.get(0)[0] + 1, line.trim(), "'seed' takes one whole number");
                }
                try
                {
                    seed = Long.parseLong(word(line, words.get(1)));
                    seedLine = i + 1;
                }
                catch (final NumberFormatException ex)
                {
                    throw error(source, i + 1, words.get(1)[0] + 1, word(line, words.get(1)), "the seed is not a whole number");
                }
            }
            else if (first.equals("at"))
            {
                if (words.size() < 3)
                {
                    throw error(source, i + 1, words.get(0)[0] + 1, line.trim(),
                        "a step is: at TIME FAULT key=value...; faults: " + FaultVerb.acceptedWords());
                }
                statements.add(statement(source, i + 1, line, words, true));
            }
            else
            {
                throw error(source, i + 1, words.get(0)[0] + 1, first,
                    "a line is 'at TIME FAULT key=value...' or 'seed N'; faults: " + FaultVerb.acceptedWords());
            }
        }
        return new Script(seed, seedLine, List.copyOf(statements));
    }

    /** One untimed statement ({@code ./hearsay fault partition groups=c0-c7/rest}). */
    public static FaultStatement parseStatement(final String source, final String text)
    {
        final List<int[]> words = words(text, 0, text.length());
        if (words.isEmpty())
        {
            throw error(source, 0, 1, text, "empty; accepted: FAULT key=value..., faults: " + FaultVerb.acceptedWords());
        }
        return statement(source, 0, text, words, false);
    }

    /** Untimed statements separated by {@code ;} (the daemon's impairment). */
    public static List<FaultStatement> parseStatements(final String source, final String text)
    {
        final List<FaultStatement> statements = new ArrayList<>();
        int start = 0;
        while (start <= text.length())
        {
            int end = text.indexOf(';', start);
            if (end < 0)
            {
                end = text.length();
            }
            final List<int[]> words = words(text, start, end);
            if (words.isEmpty())
            {
                throw error(source, 0, start + 1, text, "empty statement; accepted: FAULT key=value... separated by ;");
            }
            statements.add(statement(source, 0, text, words, false));
            start = end + 1;
        }
        return statements;
    }

    private static FaultStatement statement(final String source, final int lineNumber, final String line,
        final List<int[]> words, final boolean timed)
    {
        int k = 0;
        String time = null;
        int timeColumn = 0;
        long atNs = -1;
        if (timed)
        {
            k = 1;
            final int[] w = words.get(k++);
            time = word(line, w);
            timeColumn = w[0] + 1;
            atNs = time(source, lineNumber, w[0] + 1, time);
        }
        final int[] verbWord = words.get(k++);
        final String statementText = line.substring(words.get(0)[0], words.get(words.size() - 1)[1]).trim();
        final String verbText = word(line, verbWord);
        final FaultVerb verb = FaultVerb.fromWord(verbText);
        if (verb == null)
        {
            throw error(source, lineNumber, verbWord[0] + 1, verbText,
                (verbText.equals("at") ? "no time here; " : "unknown fault; ") + "accepted: " + FaultVerb.acceptedWords());
        }
        final Map<String, FaultStatement.Arg> args = new LinkedHashMap<>();
        for (; k < words.size(); k++)
        {
            final int[] w = words.get(k);
            final String item = word(line, w);
            final int eq = item.indexOf('=');
            final String key = eq < 0 ? item : item.substring(0, eq);
            final String value = eq < 0 ? "true" : item.substring(eq + 1);
            final int column = w[0] + 1;
            if (!verb.keys().contains(key))
            {
                throw error(source, lineNumber, column, item, (KEYS.containsKey(key) ? verb.word() + " takes no " + key :
                    "unknown key '" + key + "'") + "; accepted: " + verb.usage());
            }
            if (args.containsKey(key))
            {
                throw error(source, lineNumber, column, item, key + " is given twice");
            }
            if (eq < 0 && !key.equals("one-way"))
            {
                throw error(source, lineNumber, column, item, "expected " + key + "=VALUE, VALUE " + KEYS.get(key));
            }
            try
            {
                check(key, value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw error(source, lineNumber, column, item, ex.getMessage() + "; accepted: " + KEYS.get(key));
            }
            args.put(key, new FaultStatement.Arg(value, column));
        }
        final FaultStatement statement = new FaultStatement(source, lineNumber, verbWord[0] + 1, time, timeColumn, atNs, verb,
            Collections.unmodifiableMap(args), statementText);
        for (final String required : verb.required())
        {
            final String[] either = required.split("\\|");
            int present = 0;
            for (final String key : either)
            {
                present += args.containsKey(key) ? 1 : 0;
            }
            if (present != 1)
            {
                throw statement.error(null, (present == 0 ? "missing " : "give only one of ") +
                    String.join(" or ", either) + "; usage: " + verb.usage());
            }
        }
        if (verb == FaultVerb.PARTITION && statement.flag("one-way") && statement.groups().size() != 2)
        {
            throw statement.error("groups", "a one-way partition takes exactly two groups A/B (A stops reaching B)");
        }
        if (verb == FaultVerb.HEAL && args.containsKey("groups") && statement.groups().size() != 2)
        {
            throw statement.error("groups", "heal takes exactly two groups A/B");
        }
        return statement;
    }

    /** checks a value's form; the message says what is wrong (the caller adds what is accepted) */
    private static void check(final String key, final String value)
    {
        switch (key)
        {
            case "p" -> probability(value);
            case "ge" ->
            {
                final String[] parts = value.split(":", -1);
                if (parts.length < 2 || parts.length > 4)
                {
                    throw new IllegalArgumentException("expected 2 to 4 probabilities, got " + parts.length);
                }
                for (final String part : parts)
                {
                    probability(part);
                }
            }
            case "dist" -> DelayDistribution.parse(value, 0);
            case "jitter", "hold", "for" -> Durations.parseNs(value);
            case "kbit" ->
            {
                final long kbit;
                try
                {
                    kbit = Long.parseLong(value);
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException("'" + value + "' is not a whole number");
                }
                if (kbit < 8)
                {
                    throw new IllegalArgumentException(kbit + " is too small");
                }
            }
            case "nodes" ->
            {
                if (value.isEmpty())
                {
                    throw new IllegalArgumentException("empty selector");
                }
            }
            case "groups" ->
            {
                final String[] parts = value.split("/", -1);
                if (parts.length < 2)
                {
                    throw new IllegalArgumentException("a partition needs at least two groups");
                }
                for (final String part : parts)
                {
                    if (part.isEmpty())
                    {
                        throw new IllegalArgumentException("an empty group");
                    }
                }
            }
            case "one-way" ->
            {
                if (!value.equals("true") && !value.equals("false"))
                {
                    throw new IllegalArgumentException("'" + value + "' is not true or false");
                }
            }
            case "layer" ->
            {
                if (!value.equals("kernel") && !value.equals("daemon") && !value.equals("process"))
                {
                    throw new IllegalArgumentException("unknown layer");
                }
            }
            case "side" ->
            {
                if (!value.equals("in") && !value.equals("out"))
                {
                    throw new IllegalArgumentException("unknown side");
                }
            }
            default -> throw new IllegalArgumentException("unknown key");
        }
    }

    private static void probability(final String text)
    {
        final double v;
        try
        {
            v = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        if (!(v >= 0 && v <= 1))
        {
            throw new IllegalArgumentException(text + " is out of range");
        }
    }

    /** @return the offset in ns, or -1 for a wall-clock time (the caller converts it) */
    private static long time(final String source, final int line, final int column, final String word)
    {
        if (word.matches("\\d{1,2}:\\d{2}(:\\d{2})?"))
        {
            return -1;
        }
        final String offset = word.startsWith("+") ? word.substring(1) : word;
        if (offset.startsWith("-"))
        {
            throw error(source, line, column, word, "this time is before the start; accepted: an offset such as 200ms, " +
                "+2m, or a wall-clock HH:MM[:SS]");
        }
        try
        {
            return Durations.parseNs(offset);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(source, line, column, word, "not a time; accepted: an offset (" + Durations.ACCEPTED +
                ", optionally after +) or a wall-clock HH:MM[:SS]");
        }
    }

    /** [start, end) of each whitespace-separated word of {@code text[from, to)} */
    private static List<int[]> words(final String text, final int from, final int to)
    {
        final List<int[]> words = new ArrayList<>();
        int i = from;
        while (i < to)
        {
            while (i < to && Character.isWhitespace(text.charAt(i)))
            {
                i++;
            }
            final int start = i;
            while (i < to && !Character.isWhitespace(text.charAt(i)))
            {
                i++;
            }
            if (i > start)
            {
                words.add(new int[]{start, i});
            }
        }
        return words;
    }

    private static String word(final String text, final int[] word)
    {
        return text.substring(word[0], word[1]);
    }

    /** an error naming where ({@code line} 0: a one-line input), the item, and what is wrong and accepted */
    public static IllegalArgumentException error(final String source, final int line, final int column,
        final String item, final String message)
    {
        return new IllegalArgumentException(source + (line > 0 ? " line " + line + "," : "") + " column " + column +
            ": '" + item + "': " + message);
    }
}
