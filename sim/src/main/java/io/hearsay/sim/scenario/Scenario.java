package io.hearsay.sim.scenario;

import io.hearsay.core.impair.FaultGrammar;
import io.hearsay.core.impair.FaultStatement;
import io.hearsay.core.impair.FaultVerb;
import io.hearsay.core.impair.NetworkImpairment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A timeline of faults in the one fault grammar ({@link FaultGrammar}), the same lines {@code ./hearsay fault} and
 * cluster scenarios take:
 * <pre>
 *   # comment; blank lines are ignored
 *   at 0s    loss p=0.05
 *   at 0s    loss ge=0.01:0.3:0.8:0       Gilbert-Elliott bursts per sender
 *   at 0s    delay dist=lognormal:10ms,0.5 jitter=1ms
 *   at 200ms partition groups=n0-n499/rest
 *   at 1s    heal
 *   at 300ms crash nodes=n17-n19
 *   at 300ms sleep nodes=n20 for=2s
 *   at 400ms loss p=0.3 nodes=n0-n9 side=out
 * </pre>
 * TIME is virtual time since the event was created. In the simulator: nodes are {@code n0..n(N-1)} (selectors
 * {@code all}, {@code half}, {@code nI}, {@code nI-nJ}, {@code I-J}, comma lists; {@code rest} in partitions);
 * {@code loss p=} without nodes is every link's loss, with {@code nodes=} it is the nodes' arriving
 * ({@code side=in}, the default) or departing ({@code side=out}) datagrams; {@code heal} removes cuts (all, or
 * {@code groups=A/B}); {@code layer=} is ignored (one network). A partition's groups are named by their selectors; a
 * node is in the group that named it last. Faults the simulator cannot make (bandwidth, pause, unpause, kill,
 * wall-clock times, seed lines) are refused with the line and column.
 */
public final class Scenario
{
    private static final String NODES_ACCEPTED = "all, half, nI, nI-nJ, I-J (comma list)";

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
        return "scenario lines: at TIME FAULT key=value... (TIME virtual, from the event's creation), faults:\n" +
            FaultVerb.usageTable() + "the simulator's nodes: " + NODES_ACCEPTED + "; rest in partitions; " +
            "not in the simulator: bandwidth, pause, unpause, kill\n";
    }

    public static Scenario parse(final String text, final int nodes)
    {
        final FaultGrammar.Script script = FaultGrammar.parseScript("scenario", text);
        if (script.seed() != null)
        {
            throw FaultGrammar.error("scenario", script.seedLine(), 1, "seed " + script.seed(),
                "the simulator's seed is its --seed option; remove this line");
        }
        final List<ScenarioAction> actions = new ArrayList<>();
        final List<String> groups = new ArrayList<>();
        for (final FaultStatement s : script.statements())
        {
            compile(s, nodes, groups, actions);
        }
        final List<ScenarioAction> sorted = new ArrayList<>(actions);
        sorted.sort(Comparator.comparingLong(ScenarioAction::atNs)); // stable
        return new Scenario(Collections.unmodifiableList(sorted), Collections.unmodifiableList(groups));
    }

    private static void compile(final FaultStatement s, final int nodes, final List<String> groups,
        final List<ScenarioAction> out)
    {
        if (s.isWallClock())
        {
            throw s.error(null, "a wall-clock time has no meaning in virtual time; accepted: an offset such as 200ms");
        }
        final int line = s.line();
        final long at = s.atNs();
        final double[] p = new double[4];
        switch (s.verb())
        {
            case LOSS ->
            {
                if (s.has("ge"))
                {
                    refuse(s, "nodes", "Gilbert-Elliott loss acts on every link in the simulator");
                    refuse(s, "side", "Gilbert-Elliott loss acts on every link in the simulator");
                    final double[] ge = s.gilbertElliott();
                    out.add(action(line, at, Fault.LOSS_GE, 0, 0, new double[]{ge[0], ge[1], ge[3], ge[2]}, 0, null, null));
                }
                else if (!s.has("nodes") && !s.has("side"))
                {
                    p[0] = s.probability("p");
                    out.add(action(line, at, Fault.LOSS, 0, 0, p, 0, null, null));
                }
                else
                {
                    final Fault kind = s.text("side", "in").equals("in") ? Fault.DROP_IN : Fault.DROP_OUT;
                    for (final int[] r : ranges(s, "nodes", s.text("nodes", "all"), nodes, null))
                    {
                        out.add(action(line, at, kind, r[0], r[1], new double[]{s.probability("p"), 0, 0, 0}, 0, null, null));
                    }
                }
            }
            case DELAY ->
            {
                refuse(s, "nodes", "the simulator's delay acts on every link");
                out.add(new ScenarioAction(line, at, Fault.LATENCY, 0, 0, p, 0, null, null, s.delay()));
            }
            case DUPLICATE, REORDER ->
            {
                refuse(s, "nodes", "the simulator's " + s.verb().word() + " acts on every link");
                p[0] = s.probability("p");
                out.add(action(line, at, s.verb() == FaultVerb.DUPLICATE ? Fault.DUPLICATE : Fault.REORDER, 0, 0, p,
                    s.durationNs("hold", FaultVerb.DEFAULT_REORDER_HOLD_NS), null, null));
            }
            case PARTITION -> partition(s, nodes, groups, out);
            case HEAL ->
            {
                refuse(s, "nodes", "the simulator heals every cut, or the cuts between groups=A/B");
                if (!s.has("groups"))
                {
                    out.add(action(line, at, Fault.HEAL, 0, 0, p, 0, null, null));
                    return;
                }
                final List<String> names = s.groups();
                final String rest = "rest of " + String.join("/", names);
                names.replaceAll(name -> name.equals("rest") ? rest : name);
                for (final String name : names)
                {
                    if (!groups.contains(name))
                    {
                        throw s.error("groups", "no partition before this line named the group '" + name +
                            "'; accepted: the groups of an earlier partition, as written there");
                    }
                }
                out.add(action(line, at, Fault.HEAL, 0, 0, p, 0, names.get(0), names.get(1)));
            }
            case SLEEP, CRASH, LEAVE, RESTART ->
            {
                final Fault kind = Fault.valueOf(s.verb().name());
                final long durationNs = s.verb() == FaultVerb.SLEEP ? s.durationNs("for") : 0;
                for (final int[] r : ranges(s, "nodes", s.text("nodes"), nodes, null))
                {
                    out.add(action(line, at, kind, r[0], r[1], p, durationNs, null, null));
                }
            }
            default -> throw s.error(null, "the simulator cannot make " + s.verb().word() +
                "; accepted here: loss, delay, duplicate, reorder, partition, heal, sleep, crash, leave, restart");
        }
    }

    private static void partition(final FaultStatement s, final int nodes, final List<String> groups,
        final List<ScenarioAction> out)
    {
        final List<String> names = s.groups();
        final boolean[] named = new boolean[nodes];
        for (final String name : names)
        {
            if (!name.equals("rest"))
            {
                for (final int[] r : ranges(s, "groups", name, nodes, null))
                {
                    java.util.Arrays.fill(named, r[0], r[1] + 1, true);
                }
            }
        }
        for (int g = 0; g < names.size(); g++)
        {
            String name = names.get(g);
            final List<int[]> ranges = ranges(s, "groups", name, nodes, name.equals("rest") ? named : null);
            if (name.equals("rest"))
            {
                name = "rest of " + String.join("/", names);
                names.set(g, name);
            }
            if (!groups.contains(name))
            {
                groups.add(name);
                if (groups.size() > NetworkImpairment.MAX_GROUPS)
                {
                    throw s.error("groups", "too many groups (at most " + NetworkImpairment.MAX_GROUPS + ")");
                }
            }
            for (final int[] r : ranges)
            {
                out.add(action(s.line(), s.atNs(), Fault.GROUP, r[0], r[1], new double[4], 0, name, null));
            }
        }
        final boolean oneWay = s.flag("one-way");
        for (int a = 0; a < names.size(); a++)
        {
            for (int b = a + 1; b < names.size(); b++)
            {
                out.add(action(s.line(), s.atNs(), oneWay ? Fault.PARTITION_ONEWAY : Fault.PARTITION, 0, 0,
                    new double[4], 0, names.get(a), names.get(b)));
            }
        }
    }

    private static ScenarioAction action(final int line, final long atNs, final Fault fault, final int first,
        final int last, final double[] p, final long durationNs, final String groupA, final String groupB)
    {
        return new ScenarioAction(line, atNs, fault, first, last, p, durationNs, groupA, groupB, null);
    }

    private static void refuse(final FaultStatement s, final String key, final String why)
    {
        if (s.has(key))
        {
            throw s.error(key, why + "; remove " + key + "=");
        }
    }

    /**
     * The node ranges [first, last] of a selector; {@code rest} (when {@code named} is given) is every node not named.
     */
    private static List<int[]> ranges(final FaultStatement s, final String key, final String selector, final int nodes,
        final boolean[] named)
    {
        final List<int[]> ranges = new ArrayList<>();
        if (named != null)
        {
            int i = 0;
            while (i < nodes)
            {
                if (named[i])
                {
                    i++;
                    continue;
                }
                final int first = i;
                while (i < nodes && !named[i])
                {
                    i++;
                }
                ranges.add(new int[]{first, i - 1});
            }
            if (ranges.isEmpty())
            {
                throw s.error(key, "rest names no node: the other groups hold all " + nodes);
            }
            return ranges;
        }
        for (final String raw : selector.split(","))
        {
            final String item = raw.trim();
            if (item.equals("all"))
            {
                ranges.add(new int[]{0, nodes - 1});
                continue;
            }
            if (item.equals("half"))
            {
                ranges.add(new int[]{0, Math.max(0, nodes / 2 - 1)});
                continue;
            }
            final String bare = item.replace("n", "");
            final int dash = bare.indexOf('-', 1);
            final int first;
            final int last;
            try
            {
                first = Integer.parseInt(dash < 0 ? bare : bare.substring(0, dash));
                last = dash < 0 ? first : Integer.parseInt(bare.substring(dash + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw s.error(key, "'" + item + "' is not a simulated node; accepted: " + NODES_ACCEPTED);
            }
            if (first < 0 || last >= nodes || last < first)
            {
                throw s.error(key, "nodes '" + item + "' out of range; accepted: n0..n" + (nodes - 1) + " (first <= last)");
            }
            ranges.add(new int[]{first, last});
        }
        return ranges;
    }
}
