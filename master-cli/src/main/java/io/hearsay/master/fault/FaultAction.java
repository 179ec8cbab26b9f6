package io.hearsay.master.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fault to make: its kind, layer, targets and parameters. Partitions carry their groups; the first group is
 * the sending side of a one-way partition ({@code A/B --one-way}: A's datagrams no longer reach B).
 */
public final class FaultAction
{
    public final FaultKind kind;
    public final FaultLayer layer;
    /** targets (for a partition, every node of every group); null for a cluster-wide heal */
    public final Selection targets;
    public final List<Selection> groups;
    public final boolean oneWay;
    public final double probability;
    public final long delayMs;
    public final long jitterMs;
    public final long durationMs;
    public final long rateKbit;

    private FaultAction(
        final FaultKind kind, final FaultLayer layer, final Selection targets, final List<Selection> groups,
        final boolean oneWay, final double probability, final long delayMs, final long jitterMs, final long durationMs,
        final long rateKbit)
    {
        this.kind = kind;
        this.layer = kind.layer(layer);
        this.targets = targets;
        this.groups = groups;
        this.oneWay = oneWay;
        this.probability = probability;
        this.delayMs = delayMs;
        this.jitterMs = jitterMs;
        this.durationMs = durationMs;
        this.rateKbit = rateKbit;
    }

    public static FaultAction loss(final FaultLayer layer, final Selection targets, final double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new IllegalArgumentException("--p " + p + " is not a probability; accepted: 0..1");
        }
        return new FaultAction(FaultKind.LOSS, layer, targets, List.of(), false, p, 0, 0, 0, 0);
    }

    public static FaultAction delay(final FaultLayer layer, final Selection targets, final long ms, final long jitterMs)
    {
        if (ms < 0 || jitterMs < 0 || ms > 60_000)
        {
            throw new IllegalArgumentException("--ms " + ms + " --jitter " + jitterMs + ": accepted 0..60000 ms, jitter >= 0");
        }
        return new FaultAction(FaultKind.DELAY, layer, targets, List.of(), false, 0, ms, jitterMs, 0, 0);
    }

    public static FaultAction probabilistic(final FaultKind kind, final FaultLayer layer, final Selection targets, final double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new IllegalArgumentException("--p " + p + " is not a probability; accepted: 0..1");
        }
        return new FaultAction(kind, layer, targets, List.of(), false, p, 0, 0, 0, 0);
    }

    public static FaultAction bandwidth(final Selection targets, final long rateKbit)
    {
        if (rateKbit < 8)
        {
            throw new IllegalArgumentException("--kbit " + rateKbit + " is too small; accepted: >= 8");
        }
        return new FaultAction(FaultKind.BANDWIDTH, FaultLayer.KERNEL, targets, List.of(), false, 0, 0, 0, 0, rateKbit);
    }

    public static FaultAction partition(final FaultLayer layer, final List<Selection> groups, final boolean oneWay,
        final Selection all)
    {
        if (groups.size() < 2)
        {
            throw new IllegalArgumentException("a partition needs at least two groups (SEL/SEL), got " + groups.size());
        }
        if (oneWay && groups.size() != 2)
        {
            throw new IllegalArgumentException("a one-way partition takes exactly two groups A/B (A stops reaching B)");
        }
        for (int i = 0; i < groups.size(); i++)
        {
            for (int j = i + 1; j < groups.size(); j++)
            {
                for (final int node : groups.get(i).nodes())
                {
                    if (groups.get(j).nodes().contains(node))
                    {
                        throw new IllegalArgumentException("partition groups '" + groups.get(i).text() + "' and '" +
                            groups.get(j).text() + "' overlap (node n" + node + ")");
                    }
                }
            }
        }
        return new FaultAction(FaultKind.PARTITION, layer, all, List.copyOf(groups), oneWay, 0, 0, 0, 0, 0);
    }

    /** sleep, pause, unpause, kill, crash, leave, restart: targets and an optional duration */
    public static FaultAction process(final FaultKind kind, final FaultLayer layer, final Selection targets, final long durationMs)
    {
        return new FaultAction(kind, layer, targets, List.of(), false, 0, 0, 0, durationMs, 0);
    }

    /** heal in one layer (null: every layer) */
    public static FaultAction heal(final FaultLayer layer, final Selection targets)
    {
        return new FaultAction(FaultKind.HEAL, layer, targets, List.of(), false, 0, 0, 0, 0, 0);
    }

    /** the parameters that matter for this kind, for the timeline */
    public Map<String, Object> params()
    {
        final Map<String, Object> params = new LinkedHashMap<>();
        switch (kind)
        {
            case LOSS, DUPLICATE, REORDER -> params.put("p", probability);
            case DELAY ->
            {
                params.put("ms", delayMs);
                params.put("jitter_ms", jitterMs);
            }
            case BANDWIDTH -> params.put("kbit", rateKbit);
            case PARTITION ->
            {
                final StringBuilder s = new StringBuilder();
                for (final Selection g : groups)
                {
                    s.append(s.length() == 0 ? "" : "/").append(g.text());
                }
                params.put("groups", s.toString());
                params.put("one_way", oneWay);
            }
            case SLEEP, PAUSE -> params.put("duration_ms", durationMs);
            default ->
            {
            }
        }
        return params;
    }
}
