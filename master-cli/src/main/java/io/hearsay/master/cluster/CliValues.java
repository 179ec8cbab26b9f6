package io.hearsay.master.cluster;

import io.hearsay.core.Addresses;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.TimingMode;
import io.hearsay.core.dissemination.StrategyKind;

import java.util.Locale;

/** Parsing of command-line values shared by the cluster commands; every error names the value and what is accepted. */
final class CliValues
{
    private CliValues()
    {
    }

    static NodeConfig nodeConfig(
        final String profile, final String strategy, final String timing, final int fanout, final Long gossipPeriodMs,
        final String cluster)
    {
        final NodeConfig config = NodeConfig.profile(NodeConfig.parseProfile(profile))
            .strategy(StrategyKind.fromCliName(strategy))
            .timing(TimingMode.fromCliName(timing.toLowerCase(Locale.ROOT)))
            .fanout(fanout)
            .clusterName(cluster);
        if (gossipPeriodMs != null)
        {
            if (gossipPeriodMs < 1)
            {
                throw new IllegalArgumentException("--gossip-period-ms " + gossipPeriodMs + " is out of range; accepted: >= 1");
            }
            config.gossipPeriodNs(gossipPeriodMs * 1_000_000L);
        }
        return config.conclude();
    }

    static long[] seeds(final String text)
    {
        if (text == null || text.isBlank())
        {
            return new long[0];
        }
        final String[] parts = text.split(",");
        final long[] seeds = new long[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            try
            {
                seeds[i] = Addresses.parse(parts[i].trim());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("--seeds: " + ex.getMessage() + "; accepted: ip:port[,ip:port...]");
            }
        }
        return seeds;
    }

    static double probability(final String option, final double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new IllegalArgumentException(option + " " + value + " is not a probability; accepted: 0..1");
        }
        return value;
    }
}
