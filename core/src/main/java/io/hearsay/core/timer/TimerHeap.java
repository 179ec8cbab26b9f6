package io.hearsay.core.timer;

import java.util.Arrays;

/**
 * A node's timers (suspicions, relayed probes, request timeouts) as a binary min-heap of
 * {@code (deadlineNs, kind, argument)} in parallel arrays: no object per timer. Timers are not cancelled; the
 * owner checks on expiry whether the timer still applies (a generation number in the argument). Deadlines compare
 * overflow-safely.
 */
public final class TimerHeap
{
    private long[] deadlines = new long[32];
    private long[] arguments = new long[32];
    private int[] kinds = new int[32];
    private int size;
    private int expiredKind;
    private long expiredArgument;

    public void schedule(final long deadlineNs, final int kind, final long argument)
    {
        if (size == deadlines.length)
        {
            deadlines = Arrays.copyOf(deadlines, size * 2);
            arguments = Arrays.copyOf(arguments, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (deadlines[parent] - deadlineNs <= 0)
            {
                break;
            }
            move(parent, i);
            i = parent;
        }
        deadlines[i] = deadlineNs;
        arguments[i] = argument;
        kinds[i] = kind;
    }

    public int size()
    {
        return size;
    }

    /** the earliest deadline, or {@code Long.MAX_VALUE} when empty */
    public long nextDeadlineNs()
    {
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /**
     * Removes the earliest timer if it is due; read it with {@link #expiredKind()} and {@link #expiredArgument()}.
     *
     * @return true when one expired
     */
    public boolean poll(final long nowNs)
    {
        if (size == 0 || deadlines[0] - nowNs > 0)
        {
            return false;
        }
        expiredKind = kinds[0];
        expiredArgument = arguments[0];
        final int last = --size;
        if (last > 0)
        {
            final long deadline = deadlines[last];
            final long argument = arguments[last];
            final int kind = kinds[last];
            int i = 0;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= last)
                {
                    break;
                }
                if (child + 1 < last && deadlines[child + 1] - deadlines[child] < 0)
                {
                    child++;
                }
                if (deadline - deadlines[child] <= 0)
                {
                    break;
                }
                move(child, i);
                i = child;
            }
            deadlines[i] = deadline;
            arguments[i] = argument;
            kinds[i] = kind;
        }
        return true;
    }

    public int expiredKind()
    {
        return expiredKind;
    }

    public long expiredArgument()
    {
        return expiredArgument;
    }

    private void move(final int from, final int to)
    {
        deadlines[to] = deadlines[from];
        arguments[to] = arguments[from];
        kinds[to] = kinds[from];
    }
}
