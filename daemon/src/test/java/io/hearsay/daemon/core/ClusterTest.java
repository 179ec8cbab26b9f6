package io.hearsay.daemon.core;

import io.hearsay.daemon.core.dissemination.StrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.hearsay.daemon.core.TestCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterTest
{
    private static final long SEED = 42;

    private static NodeConfig config()
    {
        return NodeConfig.profile(NodeConfig.Profile.LOCAL);
    }

    @Test
    void shouldConvergeMembershipAfterJoinThroughOneSeed()
    {
        final TestCluster cluster = TestCluster.of(16, config().conclude(), SEED).joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(10))).as("converged, seed %d", SEED).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void shouldSpreadAnEventToAllNodes(final StrategyKind strategy)
    {
        final TestCluster cluster = TestCluster.of(16, config().strategy(strategy).conclude(), SEED).joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(10))).isTrue();
        final long sequence = cluster.broadcast(3);
        assertThat(cluster.runUntil(() -> cluster.allKnow(3, sequence), seconds(10)))
            .as("event reaches all with %s", strategy).isTrue();
    }
}
