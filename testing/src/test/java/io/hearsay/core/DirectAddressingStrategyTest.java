package io.hearsay.core;

import io.hearsay.core.direct.DirectAddressing;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct-addressing strategy of the core, hand-stepped (virtual time, 1 ms datagrams): the structure is built
 * by the schedule's rounds, the event rides on it, a later event travels the kept structure.
 */
class DirectAddressingStrategyTest
{
    private static final long SEED = 7;

    static InMemoryCluster joined(final int n, final long seed, final int maxAnswers)
    {
        final InMemoryCluster cluster = InMemoryCluster.of(n, NodeConfig.profile(NodeConfig.Profile.LOCAL)
            .strategy(StrategyKind.DIRECT_ADDRESSING).maxAnswers(maxAnswers).piggybackRumors(false).conclude(), seed)
            .joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(30))).as("join of %d converged", n).isTrue();
        return cluster;
    }

    static String describe(final InMemoryCluster cluster)
    {
        final Map<Long, Integer> groups = new HashMap<>();
        int unclustered = 0;
        int roots = 0;
        for (int i = 0; i < cluster.size(); i++)
        {
            final DirectAddressing d = cluster.node(i).direct();
            if (d.leader() == DirectAddressing.NONE)
            {
                unclustered++;
            }
            else
            {
                groups.merge(d.leader(), 1, Integer::sum);
            }
            if (d.isLeader() && d.root() == DirectAddressing.NONE)
            {
                roots++;
            }
        }
        return "round " + cluster.node(0).direct().round() + " groups " + groups.values() + " unclustered " + unclustered +
            " roots " + roots;
    }

    @Test
    void shouldBuildTheStructureAndInformEveryNode()
    {
        final int n = 128;
        final InMemoryCluster cluster = joined(n, SEED, 0);
        final long sequence = cluster.broadcast(3);
        final boolean all = cluster.runUntil(() -> cluster.allKnow(3, sequence), seconds(10));
        System.out.println("first event: " + describe(cluster) + " at " + cluster.nowNs() / 1e6 + " ms");
        assertThat(all).as("all informed, seed %d: %s", SEED, describe(cluster)).isTrue();
        cluster.runFor(seconds(3));
        System.out.println("after: " + describe(cluster));
        final long t0 = cluster.nowNs();
        final long second = cluster.broadcast(17);
        assertThat(cluster.runUntil(() -> cluster.allKnow(17, second), seconds(10))).isTrue();
        System.out.println("second event: " + (cluster.nowNs() - t0) / 1e6 + " ms; " + describe(cluster));
    }
}
