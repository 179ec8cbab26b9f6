package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ContainerSlot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Parses fault targets against a cluster. A selector is a comma list of:
 * <ul>
 *   <li>{@code all}: every node</li>
 *   <li>{@code c3}, {@code c0-c7} (or {@code c0-7}): every node of containers 3, 0..7</li>
 *   <li>{@code n12}, {@code n0-n99}: global nodes (container = n / per-container)</li>
 *   <li>{@code 10.213.0.12}: the container with that address; {@code 10.213.0.12:7947}: one node</li>
 *   <li>{@code random:K}: K containers drawn with the given seed</li>
 *   <li>{@code half}: the first half of the containers; {@code rest}: every node not named by another group
 *       (partitions only)</li>
 * </ul>
 * A target that does not exist is refused naming the item and what the cluster has.
 */
public final class NodeSelector
{
    private final ClusterPlan plan;
    private final long seed;

    public NodeSelector(final ClusterPlan plan, final long seed)
    {
        this.plan = plan;
        this.seed = seed;
    }

    /** a selection of exactly {@code nodes}, described as {@code text} */
    public Selection union(final String text, final SortedSet<Integer> nodes)
    {
        return Selection.of(text, plan, nodes);
    }

    public Selection select(final String text)
    {
        return select(text, Collections.emptySortedSet());
    }

    /** {@code taken}: nodes already named by other partition groups (what {@code rest} excludes) */
    public Selection select(final String text, final SortedSet<Integer> taken)
    {
        if (text == null || text.isBlank())
        {
            throw new IllegalArgumentException("empty node selector; accepted: all, cI, cI-cJ, nI, nI-nJ, IP, IP:PORT, random:K, half, rest");
        }
        final SortedSet<Integer> nodes = new TreeSet<>();
        for (final String raw : text.split(","))
        {
            final String item = raw.trim();
            if (item.equals("all"))
            {
                addRange(nodes, 0, plan.spec().nodes - 1);
            }
            else if (item.equals("rest"))
            {
                for (int n = 0; n < plan.spec().nodes; n++)
                {
                    if (!taken.contains(n))
                    {
                        nodes.add(n);
                    }
                }
            }
            else if (item.equals("half"))
            {
                addContainers(nodes, 0, Math.max(0, plan.slots().size() / 2 - 1), item);
            }
            else if (item.startsWith("random:"))
            {
                final int k = parseInt(item.substring(7), item);
                if (k < 1 || k > plan.slots().size())
                {
                    throw new IllegalArgumentException("node selector '" + item + "': K must be 1.." + plan.slots().size());
                }
                final List<Integer> order = new ArrayList<>();
                for (int c = 0; c < plan.slots().size(); c++)
                {
                    order.add(c);
                }
                Collections.shuffle(order, new Random(seed));
                for (final int c : order.subList(0, k))
                {
                    addContainers(nodes, c, c, item);
                }
            }
            else if (item.matches("c\\d+(-c?\\d+)?"))
            {
                final int[] range = range(item.substring(1), item);
                addContainers(nodes, range[0], range[1], item);
            }
            else if (item.matches("n\\d+(-n?\\d+)?"))
            {
                final int[] range = range(item.substring(1), item);
                if (range[1] >= plan.spec().nodes)
                {
                    throw new IllegalArgumentException("node selector '" + item + "': node n" + range[1] +
                        " does not exist; the cluster has n0..n" + (plan.spec().nodes - 1));
                }
                addRange(nodes, range[0], range[1]);
            }
            else if (item.matches("\\d+\\.\\d+\\.\\d+\\.\\d+(:\\d+)?"))
            {
                addAddress(nodes, item);
            }
            else
            {
                throw new IllegalArgumentException("node selector '" + item +
                    "' is not understood; accepted: all, cI, cI-cJ, nI, nI-nJ, IP, IP:PORT, random:K, half, rest");
            }
        }
        if (nodes.isEmpty())
        {
            throw new IllegalArgumentException("node selector '" + text + "' selects no node");
        }
        return Selection.of(text, plan, nodes);
    }

    private void addAddress(final SortedSet<Integer> nodes, final String item)
    {
        final String[] parts = item.split(":");
        for (final ContainerSlot slot : plan.slots())
        {
            if (slot.ip().equals(parts[0]))
            {
                if (parts.length == 1)
                {
                    addRange(nodes, slot.firstNode(), slot.firstNode() + slot.nodes() - 1);
                    return;
                }
                final int port = parseInt(parts[1], item);
                if (port < slot.basePort() || port >= slot.basePort() + slot.nodes())
                {
                    throw new IllegalArgumentException("node selector '" + item + "': " + slot.ip() + " hosts ports " +
                        slot.basePort() + ".." + (slot.basePort() + slot.nodes() - 1));
                }
                nodes.add(slot.firstNode() + port - slot.basePort());
                return;
            }
        }
        throw new IllegalArgumentException("node selector '" + item + "': no container has address " + parts[0] +
            "; the cluster has " + plan.slots().get(0).ip() + ".." + plan.slots().get(plan.slots().size() - 1).ip());
    }

    private void addContainers(final SortedSet<Integer> nodes, final int from, final int to, final String item)
    {
        if (to >= plan.slots().size())
        {
            throw new IllegalArgumentException("node selector '" + item + "': container c" + to +
                " does not exist; the cluster has c0..c" + (plan.slots().size() - 1));
        }
        for (int c = from; c <= to; c++)
        {
            final ContainerSlot slot = plan.slots().get(c);
            addRange(nodes, slot.firstNode(), slot.firstNode() + slot.nodes() - 1);
        }
    }

    private static void addRange(final SortedSet<Integer> nodes, final int from, final int to)
    {
        for (int n = from; n <= to; n++)
        {
            nodes.add(n);
        }
    }

    private static int[] range(final String body, final String item)
    {
        final String[] parts = body.split("-");
        final int from = parseInt(parts[0], item);
        final int to = parts.length == 1 ? from : parseInt(parts[1].replaceFirst("^[cn]", ""), item);
        if (to < from)
        {
            throw new IllegalArgumentException("node selector '" + item + "': range end " + to + " is before its start " + from);
        }
        return new int[] {from, to};
    }

    private static int parseInt(final String text, final String item)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("node selector '" + item + "': '" + text + "' is not a number");
        }
    }
}
