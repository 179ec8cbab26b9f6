package io.hearsay.master.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a soak does and when, drawn from its seed before it starts (the same seed, the same plan): a crash every
 * {@code crashIntervalMs} of a node chosen among those up and settled (up at least {@code settleMs} since their last
 * restart, so each life is long enough to be re-admitted everywhere), each crashed node coming back as a fresh boot
 * {@code downMs} later; an event every {@code eventEveryMs} at a settled node. Churn begins after the warm-up and
 * stops {@code downMs + settleMs} before the end, so every crash is followed by its restart and its re-admission
 * inside the run.
 */
public final class ChurnPlan
{
    public enum Kind
    {
        /** crash the node and restart it {@code downMs} later as a fresh boot */
        CRASH,
        /** inject one event at the node */
        INJECT
    }

    /** One planned action, {@code atMs} after the soak's start. */
    public record Action(long atMs, Kind kind, int node)
    {
    }

    private final List<Action> actions;
    private final long crashIntervalMs;

    private ChurnPlan(final List<Action> actions, final long crashIntervalMs)
    {
        this.actions = actions;
        this.crashIntervalMs = crashIntervalMs;
    }

    /**
     * @param churnPerMinute fraction of the nodes crashed (and restarted) per minute, e.g. 0.01
     */
    public static ChurnPlan draw(
        final int nodes, final long durationMs, final long warmupMs, final double churnPerMinute, final long downMs,
        final long settleMs, final long eventEveryMs, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long crashIntervalMs = churnPerMinute <= 0 ? Long.MAX_VALUE :
            Math.max(1, Math.round(60_000.0 / (churnPerMinute * nodes)));
        final long churnEndMs = durationMs - downMs - settleMs;
        // per node: until when it is down (crashed, not yet restarted) or unsettled (restarted, not yet re-admitted)
        final long[] busyUntilMs = new long[nodes];
        final List<Action> actions = new ArrayList<>();
        long nextCrashMs = warmupMs;
        long nextEventMs = warmupMs;
        final int[] candidates = new int[nodes];
        while (true)
        {
            final boolean crashDue = crashIntervalMs != Long.MAX_VALUE && nextCrashMs <= churnEndMs;
            final boolean eventDue = eventEveryMs > 0 && nextEventMs <= durationMs - settleMs;
            if (!crashDue && !eventDue)
            {
                break;
            }
            final boolean crash = crashDue && (!eventDue || nextCrashMs <= nextEventMs);
            final long atMs = crash ? nextCrashMs : nextEventMs;
            int count = 0;
            for (int i = 0; i < nodes; i++)
            {
                if (busyUntilMs[i] <= atMs)
                {
                    candidates[count++] = i;
                }
            }
            if (count > 0)
            {
                final int node = candidates[random.nextInt(count)];
                actions.add(new Action(atMs, crash ? Kind.CRASH : Kind.INJECT, node));
                if (crash)
                {
                    busyUntilMs[node] = atMs + downMs + settleMs;
                }
            }
            if (crash)
            {
                nextCrashMs += crashIntervalMs;
            }
            else
            {
                nextEventMs += eventEveryMs;
            }
        }
        return new ChurnPlan(List.copyOf(actions), crashIntervalMs);
    }

    public List<Action> actions()
    {
        return actions;
    }

    /** time between two crashes (Long.MAX_VALUE without churn) */
    public long crashIntervalMs()
    {
        return crashIntervalMs;
    }

    public long crashes()
    {
        return actions.stream().filter(a -> a.kind == Kind.CRASH).count();
    }

    public long events()
    {
        return actions.stream().filter(a -> a.kind == Kind.INJECT).count();
    }
}
