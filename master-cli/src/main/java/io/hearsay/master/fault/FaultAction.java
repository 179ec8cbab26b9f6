package io.hearsay.master.fault;

import io.hearsay.core.impair.DelayDistribution;
import io.hearsay.core.impair.FaultStatement;
import io.hearsay.core.impair.LinkImpairment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fault to make: its kind, layer, targets and parameters, made from a line of the one fault grammar
 * ({@link #from}). Partitions carry their groups; the first group is the sending side of a one-way partition
 * ({@code groups=A/B one-way}: A's datagrams no longer reach B). Loss, delay, duplication and reordering also carry
 * the {@link LinkImpairment} the daemon layer applies.
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
    /** the delay (DELAY only) */
    public final DelayDistribution delay;
    /** netem's form of {@link #delay} in the kernel layer: DELAY ± JITTER, uniform */
    public final long delayMs;
    public final long jitterMs;
    public final long durationMs;
    public final long rateKbit;
    /** what the daemon layer applies for loss, delay, duplicate and reorder; null otherwise */
    public final LinkImpairment link;

    private FaultAction(
        final FaultKind kind, final FaultLayer layer, final Selection targets, final List<Selection> groups,
        final boolean oneWay, final double probability, final DelayDistribution delay, final long durationMs,
        final long rateKbit, final LinkImpairment link)
    {
        this.kind = kind;
        this.layer = kind.layer(layer);
        this.targets = targets;
        this.groups = groups;
        this.oneWay = oneWay;
        this.probability = probability;
        this.delay = delay;
        this.durationMs = durationMs;
        this.rateKbit = rateKbit;
        this.link = link;
        if (delay != null && this.layer == FaultLayer.KERNEL)
        {
            // netem draws DELAY ± JITTER uniformly: a constant with jitter J is uniform on [D, D + J]
            final long[] netem = switch (delay.kind())
            {
                case CONSTANT -> new long[]{delay.firstNs() + delay.jitterNs() / 2, delay.jitterNs() / 2};
                case UNIFORM -> new long[]{(delay.firstNs() + (long)delay.second()) / 2 + delay.jitterNs() / 2,
                    ((long)delay.second() - delay.firstNs()) / 2 + delay.jitterNs() / 2};
                default -> throw new IllegalArgumentException("the kernel layer (netem) delays uniformly; accepted in " +
                    "layer kernel: dist=D [jitter=J] or dist=uniform:MIN,MAX; for " + delay.kind().name().toLowerCase() +
                    " use layer=daemon");
            };
            this.delayMs = Math.round(netem[0] / 1e6);
            this.jitterMs = Math.round(netem[1] / 1e6);
        }
        else
        {
            this.delayMs = delay == null ? 0 : Math.round(delay.firstNs() / 1e6);
            this.jitterMs = 0;
        }
    }

    /**
     * The action a fault line asks for, its targets resolved against the cluster. Refused naming the line, the
     * column and what is accepted: a key the cluster cannot honour, a target that does not exist, a layer the fault
     * cannot be made in.
     */
    public static FaultAction from(final FaultStatement s, final NodeSelector selector)
    {
        final FaultKind kind = FaultKind.valueOf(s.verb().name());
        try
        {
            final FaultLayer layer = s.has("layer") ? FaultLayer.fromCliName(s.text("layer")) : null;
            final Selection targets = select(s, selector, "nodes", s.text("nodes", "all"));
            if (s.has("side"))
            {
                throw s.error("side", "the cluster's loss acts where its layer acts (kernel: arriving datagrams, " +
                    "daemon: departing); remove side=");
            }
            return switch (kind)
            {
                case LOSS ->
                {
                    if (s.has("ge") && kind.layer(layer) != FaultLayer.DAEMON)
                    {
                        throw s.error("ge", "Gilbert-Elliott loss is made by the daemon layer only; add layer=daemon");
                    }
                    yield new FaultAction(kind, layer, targets, List.of(), false, s.has("p") ? s.probability("p") : 0,
                        null, 0, 0, LinkImpairment.NONE.with(s));
                }
                case DELAY -> new FaultAction(kind, layer, targets, List.of(), false, 0, s.delay(), 0, 0,
                    LinkImpairment.NONE.with(s));
                case DUPLICATE, REORDER ->
                {
                    if (s.has("hold") && kind.layer(layer) == FaultLayer.KERNEL)
                    {
                        throw s.error("hold", "the kernel layer's reorder holds 10 ms (netem); remove hold= or add layer=daemon");
                    }
                    yield new FaultAction(kind, layer, targets, List.of(), false, s.probability("p"), null, 0, 0,
                        LinkImpairment.NONE.with(s));
                }
                case BANDWIDTH -> bandwidth(targets, s.kbit());
                case PARTITION -> partition(s, selector, layer);
                case HEAL ->
                {
                    if (s.has("groups"))
                    {
                        throw s.error("groups", "the cluster heals whole layers; accepted: heal [nodes=SEL] [layer=L]");
                    }
                    yield heal(layer, s.has("nodes") ? targets : null);
                }
                case SLEEP -> process(kind, layer, targets, s.durationNs("for") / 1_000_000L);
                default -> process(kind, layer, targets, 0);
            };
        }
        catch (final IllegalArgumentException ex)
        {
            if (ex.getMessage().startsWith(s.source()))
            {
                throw ex;
            }
            throw s.error(s.has("layer") ? "layer" : null, ex.getMessage());
        }
    }

    private static Selection select(final FaultStatement s, final NodeSelector selector, final String key, final String text)
    {
        try
        {
            return selector.select(text);
        }
        catch (final IllegalArgumentException ex)
        {
            throw s.error(s.has(key) ? key : null, ex.getMessage());
        }
    }

    private static FaultAction partition(final FaultStatement s, final NodeSelector selector, final FaultLayer layer)
    {
        try
        {
            return FaultCommand.parsePartition(selector, layer, s.text("groups"), s.flag("one-way"));
        }
        catch (final IllegalArgumentException ex)
        {
            throw s.error("groups", ex.getMessage());
        }
    }

    public static FaultAction loss(final FaultLayer layer, final Selection targets, final double p)
    {
        return new FaultAction(FaultKind.LOSS, layer, targets, List.of(), false, p, null, 0, 0,
            LinkImpairment.NONE.withLoss(p));
    }

    public static FaultAction delay(final FaultLayer layer, final Selection targets, final DelayDistribution delay)
    {
        return new FaultAction(FaultKind.DELAY, layer, targets, List.of(), false, 0, delay, 0, 0,
            LinkImpairment.NONE.withDelay(delay));
    }

    public static FaultAction bandwidth(final Selection targets, final long rateKbit)
    {
        if (rateKbit < 8)
        {
            throw new IllegalArgumentException("kbit=" + rateKbit + " is too small; accepted: >= 8");
        }
        return new FaultAction(FaultKind.BANDWIDTH, FaultLayer.KERNEL, targets, List.of(), false, 0, null, 0, rateKbit, null);
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
        return new FaultAction(FaultKind.PARTITION, layer, all, List.copyOf(groups), oneWay, 0, null, 0, 0, null);
    }

    /** sleep, pause, unpause, kill, crash, leave, restart: targets and an optional duration */
    public static FaultAction process(final FaultKind kind, final FaultLayer layer, final Selection targets, final long durationMs)
    {
        return new FaultAction(kind, layer, targets, List.of(), false, 0, null, durationMs, 0, null);
    }

    /** heal in one layer (null: every layer) */
    public static FaultAction heal(final FaultLayer layer, final Selection targets)
    {
        return new FaultAction(FaultKind.HEAL, layer, targets, List.of(), false, 0, null, 0, 0, null);
    }

    /** the parameters that matter for this kind, for the timeline */
    public Map<String, Object> params()
    {
        final Map<String, Object> params = new LinkedHashMap<>();
        switch (kind)
        {
            case LOSS, DUPLICATE, REORDER ->
            {
                if (link != null && link.isGilbertElliott())
                {
                    params.put("impairment", link.toString());
                }
                else
                {
                    params.put("p", probability);
                }
            }
            case DELAY ->
            {
                params.put("dist", delay.toString());
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
