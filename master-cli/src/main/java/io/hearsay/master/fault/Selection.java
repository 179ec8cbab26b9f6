package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ContainerSlot;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** Resolved fault targets: the global node indexes, and the containers hosting them. {@code text} as given. */
public record Selection(String text, SortedSet<Integer> nodes, SortedSet<Integer> containers)
{
    public static Selection of(final String text, final ClusterPlan plan, final SortedSet<Integer> nodes)
    {
        final SortedSet<Integer> containers = new TreeSet<>();
        for (final int node : nodes)
        {
            containers.add(plan.slotOfNode(node).index());
        }
        return new Selection(text, Collections.unmodifiableSortedSet(nodes), Collections.unmodifiableSortedSet(containers));
    }

    /** whether every node of each selected container is selected (kernel partitions act per container) */
    public boolean wholeContainers(final ClusterPlan plan)
    {
        for (final int c : containers)
        {
            final ContainerSlot slot = plan.slots().get(c);
            for (int j = 0; j < slot.nodes(); j++)
            {
                if (!nodes.contains(slot.firstNode() + j))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /** local node offsets selected in container {@code c} */
    public SortedSet<Integer> localNodes(final ClusterPlan plan, final int c)
    {
        final ContainerSlot slot = plan.slots().get(c);
        final SortedSet<Integer> local = new TreeSet<>();
        for (int j = 0; j < slot.nodes(); j++)
        {
            if (nodes.contains(slot.firstNode() + j))
            {
                local.add(j);
            }
        }
        return local;
    }
}
