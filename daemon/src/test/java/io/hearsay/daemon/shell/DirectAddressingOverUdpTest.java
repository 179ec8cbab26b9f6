package io.hearsay.daemon.shell;

import io.hearsay.core.GossipNode;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.direct.DirectAddressing;
import io.hearsay.core.dissemination.StrategyKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static io.hearsay.daemon.shell.ShellTestSupport.allKnow;
import static io.hearsay.daemon.shell.ShellTestSupport.stepFor;
import static io.hearsay.daemon.shell.ShellTestSupport.stepUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct addressing on real UDP (loopback, one process of N nodes stepped by the test thread, the local profile's
 * 100 ms rounds): the first event after membership converged, then, once every node has finished the plan, a second
 * event on the kept structure; prints T100, hops and peak load of each (the figures of sim/REPORT.md, "Direct
 * addressing in the protocol core"). N = {@code -Dhearsay.direct.udp.nodes} (default 64).
 */
class DirectAddressingOverUdpTest
{
    private static final UnsafeBuffer PAYLOAD = new UnsafeBuffer("event".getBytes());
    private static final int NODES = Integer.getInteger("hearsay.direct.udp.nodes", 64);

    @Test
    void shouldInformEveryNodeAndThenTravelTheKeptStructureInAFewHops() throws Exception
    {
        final NodeConfig config = NodeConfig.profile(NodeConfig.Profile.LOCAL).strategy(StrategyKind.DIRECT_ADDRESSING)
            .piggybackRumors(false);
        try (HearsayDaemon daemon = new HearsayDaemon(new ShellConfig().port(0).nodes(NODES).seed(7).nodeConfig(config)))
        {
            stepUntil(300_000, NODES + " nodes converge", () -> ClusterOverUdpTest.minLive(daemon) == NODES, daemon);
            final String first = spread(daemon, 3, "first");
            stepUntil(120_000, "every node finished the plan", () -> builtEverywhere(daemon), daemon);
            stepFor(1_000, daemon);
            final String steady = spread(daemon, NODES / 2, "steady");
            System.out.println("DirectAddressingOverUdpTest N=" + NODES + ": " + first + "; " + steady);
        }
    }

    private static String spread(final HearsayDaemon daemon, final int originIndex, final String name)
    {
        for (final HostedNode node : daemon.nodes())
        {
            node.protocol().counters().directMaxAnsweredPerRound = 0;
            node.protocol().counters().maxReceivedPerRound = 0;
        }
        final HostedNode origin = daemon.node(originIndex);
        final long t0 = System.nanoTime();
        final long seq = origin.protocol().broadcast(t0, 0, PAYLOAD, 0, PAYLOAD.capacity());
        stepUntil(60_000, "all " + NODES + " know the " + name + " event", () -> allKnow(daemon, origin.address(), seq), daemon);
        final double ms = (System.nanoTime() - t0) / 1e6;
        int hops = 0;
        long answered = 0;
        long received = 0;
        int largestGroup = 0;
        for (final HostedNode node : daemon.nodes())
        {
            final GossipNode g = (GossipNode)node.protocol();
            hops = Math.max(hops, g.hopsOf(origin.address(), seq));
            answered = Math.max(answered, g.counters().directMaxAnsweredPerRound);
            received = Math.max(received, g.counters().peakReceivedPerRound());
            if (g.direct().isLeader())
            {
                largestGroup = Math.max(largestGroup, g.direct().freshFollowers() + 1);
            }
        }
        assertThat(hops).as("%s event: hops", name).isPositive();
        System.out.println("DirectAddressingOverUdpTest N=" + NODES + " before the " + name + " event: " + structure(daemon));
        return String.format(Locale.ROOT, "%s event T100 %.1f ms, max hops %d, peak answered/round %d, peak received/round %d " +
            "(all kinds), largest leader's followers + 1 = %d", name, ms, hops, answered, received, largestGroup);
    }

    /** groups (leader -> members), unclustered nodes, roots, plan sizes and restarts */
    static String structure(final HearsayDaemon daemon)
    {
        final java.util.Map<Long, Integer> groups = new java.util.TreeMap<>();
        final java.util.Map<Long, Integer> plans = new java.util.TreeMap<>();
        int unclustered = 0;
        int roots = 0;
        long restarts = 0;
        int building = 0;
        for (final HostedNode node : daemon.nodes())
        {
            final DirectAddressing d = ((GossipNode)node.protocol()).direct();
            if (d.leader() == DirectAddressing.NONE)
            {
                unclustered++;
            }
            else
            {
                groups.merge(d.leader(), 1, Integer::sum);
            }
            roots += d.isLeader() && d.root() == DirectAddressing.NONE ? 1 : 0;
            plans.merge(d.planNodes(), 1, Integer::sum);
            restarts += d.restarts();
            building += d.structureBuilt() ? 0 : 1;
        }
        final java.util.List<Integer> sizes = new java.util.ArrayList<>(groups.values());
        sizes.sort(java.util.Collections.reverseOrder());
        return "groups " + sizes + ", unclustered " + unclustered + ", roots " + roots + ", plan N (nodes) " + plans +
            ", restarts " + restarts + ", still building " + building;
    }

    private static boolean builtEverywhere(final HearsayDaemon daemon)
    {
        for (final HostedNode node : daemon.nodes())
        {
            final DirectAddressing d = ((GossipNode)node.protocol()).direct();
            if (!d.structureBuilt())
            {
                return false;
            }
        }
        return true;
    }
}
