package io.hearsay.core;

import io.hearsay.core.membership.ViewDigest;
import io.hearsay.testing.InMemoryCluster;
import org.junit.jupiter.api.Test;

import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a daemon's live report carries, taken from the core: every node's view digest, kept by its member table as it
 * changes, equals a full walk of the table through joins, a crash, a restart, a partition and its healing; and every
 * node times its direct probes (the in-memory network's 1 ms each way: about 2 ms).
 */
class LiveViewDigestClusterTest
{
    private static final long SEED = 7;

    @Test
    void shouldKeepEveryNodesDigestEqualToAWalkAndTimeItsProbes()
    {
        final InMemoryCluster cluster =
            InMemoryCluster.of(12, NodeConfig.profile(NodeConfig.Profile.LOCAL).conclude(), SEED).joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(15))).as("join converged, seed %d", SEED).isTrue();
        assertDigestsMatchWalks(cluster, "joined");
        cluster.crash(3);
        cluster.runFor(seconds(20));
        assertDigestsMatchWalks(cluster, "after a crash");
        cluster.start(3, 2);
        cluster.node(3).join(new long[]{ InMemoryCluster.address(0) }, cluster.nowNs());
        cluster.partition(0, 1, 2, 4);
        cluster.runFor(seconds(10));
        assertDigestsMatchWalks(cluster, "partitioned after a restart");
        cluster.heal();
        cluster.runFor(seconds(20));
        assertDigestsMatchWalks(cluster, "healed");
        for (final int i : cluster.liveNodes())
        {
            final NodeCounters c = cluster.node(i).counters();
            assertThat(c.probeRtt.samples()).as("node %d timed its probes, seed %d", i, SEED).isPositive();
            assertThat(c.probeRtt.percentileMicros(0.5)).as("node %d: 1 ms each way", i).isBetween(1_750L, 2_250L);
        }
    }

    private static void assertDigestsMatchWalks(final InMemoryCluster cluster, final String when)
    {
        final ViewDigest kept = new ViewDigest();
        final ViewDigest walked = new ViewDigest();
        for (final int i : cluster.liveNodes())
        {
            final GossipNode node = cluster.node(i);
            node.copyViewDigest(kept);
            walked.reset();
            node.forEachMember(walked);
            assertThat(kept.sameAs(walked)).as("node %d %s, seed %d", i, when, SEED).isTrue();
        }
    }
}
