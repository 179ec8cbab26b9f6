package io.hearsay.core;

import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.hearsay.testing.InMemoryCluster.LATENCY_NS;
import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree strategies of the core, hand-stepped: an event travels down the d-ary tree of the members ordered by
 * address, rooted at its origin, in ⌈log_d N⌉ hops of one datagram latency each, each node sending at most d tree
 * forwards; with loss the push-pull fallback informs whoever the tree missed.
 */
class TreeStrategyTest
{
    private static final long SEED = 7;

    private static InMemoryCluster joined(final int n, final StrategyKind strategy, final int fanout)
    {
        final InMemoryCluster cluster = InMemoryCluster.of(n, NodeConfig.profile(NodeConfig.Profile.LOCAL)
            .strategy(strategy).fanout(fanout).piggybackRumors(false).conclude(), SEED).joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(30))).as("join of %d converged", n).isTrue();
        cluster.runFor(seconds(2));
        return cluster;
    }

    /** ⌈log_d n⌉ by integer arithmetic (the depth bound of a d-ary tree of n nodes) */
    private static int ceilLog(final int n, final int d)
    {
        int depth = 0;
        for (long reach = 1; reach < n; reach *= d)
        {
            depth++;
        }
        return depth;
    }

    private static int maxHops(final InMemoryCluster cluster)
    {
        int max = 0;
        for (int i = 0; i < cluster.size(); i++)
        {
            final String record = cluster.sink(i).learnedLog.get(cluster.sink(i).learnedLog.size() - 1);
            max = Math.max(max, Integer.parseInt(record.replaceAll(".*hops=(\\d+).*", "$1")));
        }
        return max;
    }

    private static long[] forwardsSent(final InMemoryCluster cluster)
    {
        final long[] sent = new long[cluster.size()];
        for (int i = 0; i < sent.length; i++)
        {
            sent[i] = cluster.node(i).counters().treeForwardsSent;
        }
        return sent;
    }

    @ParameterizedTest
    @CsvSource({"64, 2", "64, 4", "64, 16", "100, 3"})
    void shouldReachAllDownTheTreeInCeilLogDHopsAtDForwardsPerNode(final int n, final int d)
    {
        final InMemoryCluster cluster = joined(n, StrategyKind.TREE, d);
        final long[] before = forwardsSent(cluster);
        final int depth = ceilLog(n, d);
        final int origin = 5;
        final long sequence = cluster.broadcast(origin);
        assertThat(cluster.runUntil(() -> cluster.allKnow(origin, sequence), depth * LATENCY_NS + LATENCY_NS / 2))
            .as("N=%d d=%d: all informed within %d datagram latencies (tree depth), seed %d", n, d, depth, SEED)
            .isTrue();
        assertThat(maxHops(cluster)).as("hops to all, N=%d d=%d", n, d).isLessThanOrEqualTo(depth).isPositive();
        final long[] after = forwardsSent(cluster);
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            assertThat(after[i] - before[i]).as("tree forwards of node %d", i).isLessThanOrEqualTo(d);
            total += after[i] - before[i];
        }
        assertThat(total).as("one forward per member but the origin").isEqualTo(n - 1);
    }

    @Test
    void shouldHaveTheStarsOriginSendToEveryMemberInOneHop()
    {
        final int n = 48;
        final InMemoryCluster cluster = joined(n, StrategyKind.STAR, 1);
        final long[] before = forwardsSent(cluster);
        final long sequence = cluster.broadcast(0);
        assertThat(cluster.runUntil(() -> cluster.allKnow(0, sequence), LATENCY_NS + LATENCY_NS / 2)).isTrue();
        assertThat(maxHops(cluster)).isEqualTo(1);
        assertThat(forwardsSent(cluster)[0] - before[0]).as("the star's origin sends N - 1").isEqualTo(n - 1);
    }

    @ParameterizedTest
    @CsvSource({"TREE, 4", "TREE, 2", "STAR, 1"})
    void shouldInformEveryNodeUnderTenPercentLossThroughTheFallback(final StrategyKind strategy, final int d)
    {
        final int n = 64;
        final InMemoryCluster cluster = joined(n, strategy, d);
        cluster.drop(0.10);
        final long sequence = cluster.broadcast(9);
        assertThat(cluster.runUntil(() -> cluster.allKnow(9, sequence), seconds(30)))
            .as("%s d=%d at 10%% loss: all informed, seed %d", strategy, d, SEED).isTrue();
        int byFallback = 0;
        for (int i = 0; i < n; i++)
        {
            byFallback += cluster.sink(i).learnedByChannel[Channel.PULL.ordinal()] > 0 ? 1 : 0;
        }
        System.out.printf("TreeStrategyTest %s d=%d N=%d loss 10%%: %d nodes learned by pull (fallback)%n",
            strategy, d, n, byFallback);
    }
}
