package io.hearsay.sim.scenario;

import io.hearsay.sim.network.Durations;
import io.hearsay.sim.network.LatencyDistribution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A timeline of faults, one per line:
 * <pre>
 *   # comment; blank lines are ignored
 *   [at] TIME FAULT ARGS...
 *   at 0s    group A 0-499
 *   at 0s    group B 500-999
 *   at 0s    loss 0.05
 *   at 0s    loss-ge 0.01 0.3 0 0.8
 *   at 0s    latency lognormal:10ms,0.5;jitter=1ms
 *   at 200ms partition A B
 *   at 1s    heal all
 *   at 300ms crash 17-19
 *   at 300ms sleep 20 2s
 * </pre>
 * TIME is virtual time since the event was created (see {@link Durations}); the faults and their arguments are
 * listed by {@link #usage()}. A bad line is refused with its number and the offending value.
 */
public final class Scenario
{
    private final List<ScenarioAction> actions;
    private final List<String> groups;

    private Scenario(final List<ScenarioAction> actions, final List<String> groups)
    {
        this.actions = actions;
        this.groups = groups;
    }

    public static Scenario empty()
    {
        return new Scenario(List.of(), List.of());
    }

    /** the actions, ordered by time (stable: lines with equal times keep file order) */
    public List<ScenarioAction> actions()
    {
        return actions;
    }

    /** group names in order of definition; a group's index is its id */
    public List<String> groups()
    {
        return groups;
    }

    public static String usage()
    {
        final StringBuilder sb = new StringBuilder("scenario lines: [at] TIME FAULT ARGS, faults:\n");
        for (final Fault f : Fault.values())
        {
            sb.append("  ").append(String.format("%-17s", f.word())).append(f.usage()).append('\n');
        }
        return sb.toString();
    }

    public static Scenario parse(final String text, final int nodes)
    {
        final List<ScenarioAction> actions = new ArrayList<>();
        final List<String> groups = new ArrayList<>();
        final Set<String> defined = new HashSet<>();
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            final int lineNumber = i + 1;
            String line = lines[i];
            final int hash = line.indexOf('#');
            if (hash >= 0)
            {
                line = line.substring(0, hash);
            }
            line = line.trim();
            if (line.isEmpty())
            {
                continue;
            }
            try
            {
                final ScenarioAction action = parseLine(lineNumber, line.split("\\s+"), nodes, defined);
                if (action.fault() == Fault.GROUP)
                {
                    groups.add(action.groupA());
                }
                actions.add(action);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("scenario line " + lineNumber + " '" + lines[i].trim() + "': " + ex.getMessage());
            }
        }
        final List<ScenarioAction> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparingLong(ScenarioAction::atNs)); // stable
        return new Scenario(Collections.unmodifiableList(sorted), Collections.unmodifiableList(groups));
    }

    private static ScenarioAction parseLine(final int line, final String[] tokens, final int nodes, final Set<String> groups)
    {
        int k = 0;
        if ("at".equals(tokens[0]))
        {
            k++;
        }
        if (tokens.length < k + 2)
        {
            throw new IllegalArgumentException("expected [at] TIME FAULT ARGS");
        }
        final long atNs = Durations.parseNs(tokens[k++]);
        final String word = tokens[k++];
        final Fault fault = Fault.fromWord(word);
        if (fault == null)
        {
            throw new IllegalArgumentException("unknown fault '" + word + "'; accepted: " + Fault.acceptedWords());
        }
        final int argCount = tokens.length - k;
        final double[] p = new double[4];
        switch (fault)
        {
            case LOSS:
            case DUPLICATE:
                args(fault, argCount, 1);
                p[0] = probability(tokens[k]);
                return new ScenarioAction(line, atNs, fault, 0, 0, p, 0, null, null, null);
            case LOSS_GE:
                args(fault, argCount, 4);
                for (int j = 0; j < 4; j++)
                {
                    p[j] = probability(tokens[k + j]);
                }
                return new ScenarioAction(line, atNs, fault, 0, 0, p, 0, null, null, null);
            case LATENCY:
                args(fault, argCount, 1);
                return new ScenarioAction(line, atNs, fault, 0, 0, p, 0, null, null, LatencyDistribution.parse(tokens[k]));
            case REORDER:
                args(fault, argCount, 2);
                p[0] = probability(tokens[k]);
                return new ScenarioAction(line, atNs, fault, 0, 0, p, Durations.parseNs(tokens[k + 1]), null, null, null);
            case GROUP:
            {
                args(fault, argCount, 2);
                final String name = tokens[k];
                if (!groups.add(name))
                {
                    throw new IllegalArgumentException("group '" + name + "' is already defined");
                }
                if (groups.size() > 127)
                {
                    throw new IllegalArgumentException("too many groups (at most 127)");
                }
                final int[] range = nodes(tokens[k + 1], nodes);
                return new ScenarioAction(line, atNs, fault, range[0], range[1], p, 0, name, null, null);
            }
            case PARTITION:
            case PARTITION_ONEWAY:
                args(fault, argCount, 2);
                return new ScenarioAction(line, atNs, fault, 0, 0, p, 0, group(tokens[k], groups), group(tokens[k + 1], groups), null);
            case HEAL:
                if (argCount == 1 && "all".equals(tokens[k]))
                {
                    return new ScenarioAction(line, atNs, fault, 0, 0, p, 0, null, null, null);
                }
                args(fault, argCount, 2);
                return new ScenarioAction(line, atNs, fault, 0, 0, p, 0, group(tokens[k], groups), group(tokens[k + 1], groups), null);
            case DROP_IN:
            case DROP_OUT:
            {
                args(fault, argCount, 2);
                final int[] range = nodes(tokens[k], nodes);
                p[0] = probability(tokens[k + 1]);
                return new ScenarioAction(line, atNs, fault, range[0], range[1], p, 0, null, null, null);
            }
            case SLEEP:
            {
                args(fault, argCount, 2);
                final int[] range = nodes(tokens[k], nodes);
                return new ScenarioAction(line, atNs, fault, range[0], range[1], p, Durations.parseNs(tokens[k + 1]), null, null, null);
            }
            default:
            {
                args(fault, argCount, 1);
                final int[] range = nodes(tokens[k], nodes);
                return new ScenarioAction(line, atNs, fault, range[0], range[1], p, 0, null, null, null);
            }
        }
    }

    private static void args(final Fault fault, final int count, final int expected)
    {
        if (count != expected)
        {
            throw new IllegalArgumentException(
                fault.word() + " takes " + expected + " argument(s) (" + fault.usage().trim() + "), got " + count);
        }
    }

    private static String group(final String name, final Set<String> groups)
    {
        if (!groups.contains(name))
        {
            throw new IllegalArgumentException("unknown group '" + name + "'; define it first with 'group " + name + " NODES'");
        }
        return name;
    }

    private static double probability(final String text)
    {
        final double v;
        try
        {
            v = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a probability; accepted: a number in [0, 1]");
        }
        if (!(v >= 0 && v <= 1))
        {
            throw new IllegalArgumentException("probability " + text + " is out of range; accepted: [0, 1]");
        }
        return v;
    }

    private static int[] nodes(final String text, final int nodes)
    {
        final int dash = text.indexOf('-', 1);
        final int first;
        final int last;
        try
        {
            first = Integer.parseInt(dash < 0 ? text : text.substring(0, dash));
            last = dash < 0 ? first : Integer.parseInt(text.substring(dash + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad nodes '" + text + "'; accepted: a node id such as 7 or a range such as 0-499");
        }
        if (first < 0 || last >= nodes || last < first)
        {
            throw new IllegalArgumentException("node id " + text + " out of range; accepted: 0.." + (nodes - 1) + " (first <= last)");
        }
        return new int[]{ first, last };
    }
}
