package io.hearsay.daemon.shell;

import java.util.Arrays;

/**
 * When each hosted node must next run {@code doWork}: one indexed binary min-heap over node indices for the whole
 * process, so a duty cycle finds its due nodes in O(due · log N) and its next wake-up in O(1), instead of asking
 * every hosted node for its deadline twice per wake-up. The shell re-keys a node after every call into its core
 * ({@link #update}); a node out of the heap (crashed) is never due. Deadlines compare overflow-safely; ties in any
 * order. Allocation-free after construction.
 */
final class NodeDeadlines
{
    private static final int ABSENT = -1;

    /** heap position -> node index */
    private final int[] heap;
    /** heap position -> deadline (kept beside the index so sifting reads one array) */
    private final long[] deadlines;
    /** node index -> heap position, or ABSENT */
    private final int[] positionOf;
    private int size;

    NodeDeadlines(final int nodeCount)
    {
        heap = new int[nodeCount];
        deadlines = new long[nodeCount];
        positionOf = new int[nodeCount];
        Arrays.fill(positionOf, ABSENT);
    }

    int size()
    {
        return size;
    }

    boolean contains(final int node)
    {
        return positionOf[node] != ABSENT;
    }

    /** the earliest deadline, {@link Long#MAX_VALUE} when no node is scheduled */
    long earliestNs()
    {
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /** the node with the earliest deadline; only when {@link #size()} &gt; 0 */
    int earliestNode()
    {
        return heap[0];
    }

    /** the node's deadline as scheduled, {@link Long#MAX_VALUE} when absent */
    long deadlineNs(final int node)
    {
        final int position = positionOf[node];
        return position == ABSENT ? Long.MAX_VALUE : deadlines[position];
    }

    /** schedule or re-key {@code node} at {@code deadlineNs} */
    void update(final int node, final long deadlineNs)
    {
        int position = positionOf[node];
        if (position == ABSENT)
        {
            position = size++;
            put(position, node, deadlineNs);
            siftUp(position);
            return;
        }
        final long previous = deadlines[position];
        if (previous == deadlineNs)
        {
            return;
        }
        deadlines[position] = deadlineNs;
        if (deadlineNs - previous < 0)
        {
            siftUp(position);
        }
        else
        {
            siftDown(position);
        }
    }

    /** take {@code node} out (a crashed node) */
    void remove(final int node)
    {
        final int position = positionOf[node];
        if (position == ABSENT)
        {
            return;
        }
        positionOf[node] = ABSENT;
        final int last = --size;
        if (position == last)
        {
            return;
        }
        final long previous = deadlines[position];
        heap[position] = heap[last];
        deadlines[position] = deadlines[last];
        positionOf[heap[position]] = position;
        if (deadlines[position] - previous < 0)
        {
            siftUp(position);
        }
        else
        {
            siftDown(position);
        }
    }

    private void siftUp(final int from)
    {
        final int node = heap[from];
        final long deadline = deadlines[from];
        int position = from;
        while (position > 0)
        {
            final int parent = (position - 1) >>> 1;
            if (deadlines[parent] - deadline <= 0)
            {
                break;
            }
            place(parent, position);
            position = parent;
        }
        put(position, node, deadline);
    }

    private void siftDown(final int from)
    {
        final int node = heap[from];
        final long deadline = deadlines[from];
        int position = from;
        while (true)
        {
            int child = 2 * position + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && deadlines[child + 1] - deadlines[child] < 0)
            {
                child++;
            }
            if (deadline - deadlines[child] <= 0)
            {
                break;
            }
            place(child, position);
            position = child;
        }
        put(position, node, deadline);
    }

    private void put(final int position, final int node, final long deadlineNs)
    {
        heap[position] = node;
        deadlines[position] = deadlineNs;
        positionOf[node] = position;
    }

    /** move the entry at {@code from} to {@code to} */
    private void place(final int from, final int to)
    {
        heap[to] = heap[from];
        deadlines[to] = deadlines[from];
        positionOf[heap[to]] = to;
    }
}
