package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a scenario file before anything starts. Format, one step a line ({@code #} comments):
 * <pre>
 * seed 42
 * at 0s    loss p=0.2 nodes=all layer=kernel
 * at 5s    partition groups=c0-c7/rest one-way=false
 * at 15s   heal
 * at 20s   sleep node=c3 for=5s layer=process
 * at 30s   kill node=c5
 * at 21:30:00 restart node=c5       (a wall-clock time today; must not be in the past)
 * </pre>
 * Times are offsets from the scenario's start ({@code 500ms}, {@code 5s}, {@code +2m}) or wall-clock {@code HH:MM[:SS]}.
 * Refused, naming the line and the value: an unknown fault or key, a target that does not exist, a time in the
 * past, a missing parameter.
 */
public final class ScenarioParser
{
    private static final Set<String> KEYS = Set.of("p", "ms", "jitter", "kbit", "nodes", "node", "groups", "one-way",
        "for", "layer");

    private final ClusterPlan plan;
    private final long nowWallMs;

    public ScenarioParser(final ClusterPlan plan, final long nowWallMs)
    {
        this.plan = plan;
        this.nowWallMs = nowWallMs;
    }

    public Scenario parse(final Path file)
    {
        try
        {
            return parse(file.getFileName().toString(), Files.readAllLines(file));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read scenario " + file, ex);
        }
    }

    public Scenario parse(final String name, final List<String> lines)
    {
        long seed = plan.spec().seed;
        final List<String[]> pending = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty())
            {
                continue;
            }
            final String[] words = line.split("\\s+");
            if (words[0].equals("seed"))
            {
                if (words.length != 2)
                {
                    throw error(name, i + 1, line, "'seed' takes one number");
                }
                try
                {
                    seed = Long.parseLong(words[1]);
                }
                catch (final NumberFormatException ex)
                {
                    throw error(name, i + 1, words[1], "the seed is not a whole number");
                }
            }
            else if (words[0].equals("at"))
            {
                if (words.length < 3)
                {
                    throw error(name, i + 1, line, "a step is: at TIME FAULT key=value...");
                }
                pending.add(new String[] {Integer.toString(i + 1), line});
            }
            else
            {
                throw error(name, i + 1, words[0], "a line starts with 'at' or 'seed'");
            }
        }
        final NodeSelector selector = new NodeSelector(plan, seed);
        final List<Scenario.Step> steps = new ArrayList<>();
        for (final String[] p : pending)
        {
            steps.add(step(name, Integer.parseInt(p[0]), p[1], selector));
        }
        steps.sort(Comparator.comparingLong(Scenario.Step::atMs));
        return new Scenario(name, seed, List.copyOf(steps));
    }

    private Scenario.Step step(final String file, final int line, final String text, final NodeSelector selector)
    {
        final String[] words = text.split("\\s+");
        final long atMs = time(file, line, words[1]);
        final FaultKind kind;
        try
        {
            kind = FaultKind.fromCliName(words[2]);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(file, line, words[2], ex.getMessage());
        }
        final Map<String, String> kv = new LinkedHashMap<>();
        for (int w = 3; w < words.length; w++)
        {
            final int eq = words[w].indexOf('=');
            final String key = eq < 0 ? words[w] : words[w].substring(0, eq);
            if (!KEYS.contains(key))
            {
                throw error(file, line, words[w], "unknown key '" + key + "'; accepted: " + String.join(", ", KEYS));
            }
            kv.put(key, eq < 0 ? "true" : words[w].substring(eq + 1));
        }
        try
        {
            final FaultLayer layer = kv.containsKey("layer") ? FaultLayer.fromCliName(kv.get("layer")) : null;
            final FaultAction action = switch (kind)
            {
                case LOSS -> FaultAction.loss(layer, targets(kv, selector), number(kv, "p"));
                case DUPLICATE, REORDER -> FaultAction.probabilistic(kind, layer, targets(kv, selector), number(kv, "p"));
                case DELAY -> FaultAction.delay(layer, targets(kv, selector), (long)number(kv, "ms"),
                    kv.containsKey("jitter") ? (long)number(kv, "jitter") : 0);
                case BANDWIDTH -> FaultAction.bandwidth(targets(kv, selector), (long)number(kv, "kbit"));
                case PARTITION -> FaultCommand.parsePartition(selector, layer, required(kv, "groups"),
                    Boolean.parseBoolean(kv.getOrDefault("one-way", "false")));
                case SLEEP -> FaultAction.process(kind, layer, selector.select(required(kv, "node")),
                    Durations.parseMs(required(kv, "for")));
                case HEAL -> FaultAction.heal(layer, kv.containsKey("nodes") ? selector.select(kv.get("nodes")) : null);
                default -> FaultAction.process(kind, layer, selector.select(required(kv, "node")), 0);
            };
            return new Scenario.Step(line, atMs, action, text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(file, line, text, ex.getMessage());
        }
    }

    private long time(final String file, final int line, final String word)
    {
        if (word.matches("\\d{1,2}:\\d{2}(:\\d{2})?"))
        {
            try
            {
                final LocalTime time = LocalTime.parse(word.length() <= 5 ? word + ":00" : word);
                final long wallMs = LocalDate.now().atTime(time).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
                if (wallMs < nowWallMs)
                {
                    throw error(file, line, word, "this time is in the past (now is " +
                        LocalTime.now().withNano(0) + ")");
                }
                return wallMs - nowWallMs;
            }
            catch (final DateTimeParseException ex)
            {
                throw error(file, line, word, "not a time of day HH:MM[:SS]");
            }
        }
        final String offset = word.startsWith("+") ? word.substring(1) : word;
        if (offset.startsWith("-"))
        {
            throw error(file, line, word, "this time is in the past (before the scenario's start)");
        }
        try
        {
            return Durations.parseMs(offset);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(file, line, word, ex.getMessage());
        }
    }

    private static Selection targets(final Map<String, String> kv, final NodeSelector selector)
    {
        return selector.select(kv.getOrDefault("nodes", "all"));
    }

    private static String required(final Map<String, String> kv, final String key)
    {
        final String value = kv.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException("missing " + key + "=...");
        }
        return value;
    }

    private static double number(final Map<String, String> kv, final String key)
    {
        final String value = required(kv, key);
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + "=" + value + " is not a number");
        }
    }

    private static IllegalArgumentException error(final String file, final int line, final String value, final String why)
    {
        return new IllegalArgumentException(file + " line " + line + ": '" + value + "': " + why);
    }
}
