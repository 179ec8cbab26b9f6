package io.hearsay.master.options;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.TimingMode;
import io.hearsay.core.dissemination.StrategyKind;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code --strategy --timing --fanout --profile --gossip-period-ms}: the protocol settings of {@code daemon},
 * {@code local}, {@code cluster up} and {@code sim}, defined once. "The profile's default" is always an absent
 * {@code --gossip-period-ms}; each profile's defaults are the table of {@link NodeConfig#profile}, printed in
 * {@code --profile}'s help ({@link #profileTable()}).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ProtocolOptions
{
    public static final String DEFAULT_PROFILE = "lan";
    /** system properties {@code hearsay.profile.NAME} the help text of {@code --profile} reads each profile's line from */
    static final String PROFILE_PROPERTY = "hearsay.profile.";

    static
    {
        for (final NodeConfig.Profile p : NodeConfig.Profile.values())
        {
            System.setProperty(PROFILE_PROPERTY + p.name().toLowerCase(Locale.ROOT), profileLine(p));
        }
    }

    @Option(names = "--strategy", paramLabel = "NAME", description = "push, pull, push-pull, median-counter, tree " +
        "(--fanout d children per node), star, direct-addressing (Haeupler-Malkhi: a structure of leaders built in " +
        "O(log log N) rounds and kept) (default ${DEFAULT-VALUE})")
    public String strategy = "push-pull";

    @Option(names = "--timing", paramLabel = "MODE", description = "periodic (a round every period, random phase per " +
        "node) or eager (forward a new event at once, then periodically) (default ${DEFAULT-VALUE})")
    public String timing = "periodic";

    @Option(names = "--fanout", paramLabel = "F", description = "peers called per gossip round; tree: children per node (default ${DEFAULT-VALUE})")
    public int fanout = 1;

    @Option(names = "--max-answers", paramLabel = "B", description = "direct-addressing, tree, star: calls a node " +
        "answers per round, the rest get a busy reply (0 = unbounded; the core has it for direct-addressing) (default ${DEFAULT-VALUE})")
    public int maxAnswers;

    @Option(names = "--profile", paramLabel = "NAME", description = {
        "timer profile: lan, wan or local (default ${DEFAULT-VALUE}; `local` defaults to the local profile: its " +
            "daemons share one loopback, where short probe timeouts and 5 s anti-entropy converge fast). Defaults:",
        "${sys:" + PROFILE_PROPERTY + "lan}", "${sys:" + PROFILE_PROPERTY + "wan}", "${sys:" + PROFILE_PROPERTY + "local}" })
    public String profile = DEFAULT_PROFILE;

    @Option(names = "--gossip-period-ms", paramLabel = "MS",
        description = "gossip round period (default: the profile's, see --profile)")
    public Long gossipPeriodMs;

    /** Settings given in code (a parent building a child's configuration); null period = the profile's. */
    public static ProtocolOptions of(
        final String strategy, final String timing, final int fanout, final String profile, final Long gossipPeriodMs)
    {
        final ProtocolOptions options = new ProtocolOptions();
        options.strategy = strategy;
        options.timing = timing;
        options.fanout = fanout;
        options.profile = profile;
        options.gossipPeriodMs = gossipPeriodMs;
        return options;
    }

    /** The node configuration these options give (validated: a bad value is named with what is accepted). */
    public NodeConfig nodeConfig(final String clusterName)
    {
        final NodeConfig config = NodeConfig.profile(NodeConfig.parseProfile(profile))
            .strategy(StrategyKind.fromCliName(strategy))
            .timing(TimingMode.fromCliName(timing.toLowerCase(Locale.ROOT)))
            .fanout(fanout)
            .maxAnswers(maxAnswers)
            .clusterName(clusterName);
        if (gossipPeriodMs != null)
        {
            config.gossipPeriodNs(requirePeriod(gossipPeriodMs) * 1_000_000L);
        }
        return config.conclude();
    }

    /** the gossip period in force: the one given, else the profile's */
    public long effectiveGossipPeriodMs()
    {
        return gossipPeriodMs != null ? requirePeriod(gossipPeriodMs) :
            NodeConfig.profile(NodeConfig.parseProfile(profile)).gossipPeriodNs() / 1_000_000L;
    }

    private static long requirePeriod(final long ms)
    {
        if (ms < 1 || ms > 60_000)
        {
            throw new IllegalArgumentException("--gossip-period-ms " + ms + " is out of range; accepted: 1..60000");
        }
        return ms;
    }

    /** One line per profile: the defaults {@link NodeConfig#profile} gives (the table the docs repeat). */
    public static String profileTable()
    {
        final StringBuilder table = new StringBuilder();
        for (final NodeConfig.Profile p : NodeConfig.Profile.values())
        {
            table.append(profileLine(p)).append('\n');
        }
        return table.toString();
    }

    private static String profileLine(final NodeConfig.Profile p)
    {
        final NodeConfig c = NodeConfig.profile(p);
        return String.format(Locale.ROOT,
            "  %-5s gossip %d ms, probe %d ms (timeout %d ms), suspicion x%d, retransmit x%d, anti-entropy %d s",
            p.name().toLowerCase(Locale.ROOT), c.gossipPeriodNs() / 1_000_000L, c.probePeriodNs() / 1_000_000L,
            c.probeTimeoutNs() / 1_000_000L, c.suspicionMult(), c.retransmitMult(), c.antiEntropyPeriodNs() / 1_000_000_000L);
    }
}
