package io.hearsay.master.analysis;

import io.hearsay.records.run.RunSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * What makes two runs comparable: every setting that changes how an event spreads, except the seed (and, for a
 * scaling series, N). Runs are only pooled when their keys are equal; never silently across configurations.
 */
public record ConfigKey(
    String source, String strategy, String timing, int fanout, double gossipPeriodMs, double loss, String fidelity)
    implements Comparable<ConfigKey>
{
    /** The names of the fields, as in summary.json, in the order used for grouping. */
    public static final List<String> FIELDS =
        List.of("source", "strategy", "timing", "fanout", "gossip_period_ms", "loss", "fidelity");

    public static ConfigKey of(final RunSummary s)
    {
        return new ConfigKey(s.source, s.strategy, s.timing, s.fanout, s.gossipPeriodMs, s.loss, s.fidelity);
    }

    /** "push-pull, sim, periodic, fan-out 1, period 200 ms, loss 0%, dissemination". */
    public String label()
    {
        final List<String> parts = new ArrayList<>();
        parts.add(strategy.isEmpty() ? "strategy ?" : strategy);
        if (!source.isEmpty())
        {
            parts.add(source);
        }
        if (!timing.isEmpty())
        {
            parts.add(timing);
        }
        if (fanout > 0)
        {
            parts.add("fan-out " + fanout);
        }
        if (gossipPeriodMs > 0)
        {
            parts.add("period " + trim(gossipPeriodMs) + " ms");
        }
        parts.add("loss " + trim(loss * 100) + "%");
        if (!fidelity.isEmpty())
        {
            parts.add(fidelity);
        }
        return String.join(", ", parts);
    }

    /** The fields in which this key differs from {@code other}, by summary.json name. */
    public List<String> differences(final ConfigKey other)
    {
        final List<String> d = new ArrayList<>();
        if (!source.equals(other.source))
        {
            d.add("source " + source + " vs " + other.source);
        }
        if (!strategy.equals(other.strategy))
        {
            d.add("strategy " + strategy + " vs " + other.strategy);
        }
        if (!timing.equals(other.timing))
        {
            d.add("timing " + timing + " vs " + other.timing);
        }
        if (fanout != other.fanout)
        {
            d.add("fanout " + fanout + " vs " + other.fanout);
        }
        if (gossipPeriodMs != other.gossipPeriodMs)
        {
            d.add("gossip_period_ms " + trim(gossipPeriodMs) + " vs " + trim(other.gossipPeriodMs));
        }
        if (loss != other.loss)
        {
            d.add("loss " + trim(loss) + " vs " + trim(other.loss));
        }
        if (!fidelity.equals(other.fidelity))
        {
            d.add("fidelity " + fidelity + " vs " + other.fidelity);
        }
        return d;
    }

    @Override
    public int compareTo(final ConfigKey o)
    {
        int c = strategy.compareTo(o.strategy);
        c = c != 0 ? c : source.compareTo(o.source);
        c = c != 0 ? c : timing.compareTo(o.timing);
        c = c != 0 ? c : Integer.compare(fanout, o.fanout);
        c = c != 0 ? c : Double.compare(gossipPeriodMs, o.gossipPeriodMs);
        c = c != 0 ? c : Double.compare(loss, o.loss);
        return c != 0 ? c : fidelity.compareTo(o.fidelity);
    }

    static String trim(final double v)
    {
        return v == Math.rint(v) ? String.valueOf((long)v) : String.valueOf(v);
    }
}
