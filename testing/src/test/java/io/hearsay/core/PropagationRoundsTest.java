package io.hearsay.core;

import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logical rounds a rumor needs to reach all nodes in the in-memory cluster, next to the random phone call
 * model's expectation (THEORY.md: push log2 N + ln N, push-pull log3 N + log2 ln N); printed for the record and
 * bounded loosely (a protocol property on a virtual clock, not a timing). {@code -Dhearsay.propagation.nodes=N}
 * for a larger cluster (default 128).
 */
class PropagationRoundsTest
{
    private static double log2(final double x)
    {
        return Math.log(x) / Math.log(2);
    }

    private static final int NODES = Integer.getInteger("hearsay.propagation.nodes", 128);

    @ParameterizedTest
    @EnumSource(value = StrategyKind.class, names = {"TREE", "STAR", "DIRECT_ADDRESSING"}, mode = EnumSource.Mode.EXCLUDE)
    void shouldReachAllInAboutTheModelsRounds(final StrategyKind strategy)
    {
        final int n = NODES;
        final InMemoryCluster cluster = InMemoryCluster.of(n, NodeConfig.profile(NodeConfig.Profile.LOCAL)
            .strategy(strategy).piggybackRumors(false).conclude(), 1).joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(60))).as("join of %d converged", n).isTrue();
        cluster.runFor(seconds(5));
        final long sentBefore = totalSent(cluster);
        final long startNs = cluster.nowNs();
        final long sequence = cluster.broadcast(0);
        assertThat(cluster.runUntil(() -> cluster.allKnow(0, sequence), seconds(30))).isTrue();
        final long elapsedMs = (cluster.nowNs() - startNs) / 1_000_000;
        int maxRound = 0;
        for (int i = 0; i < n; i++)
        {
            final String record = cluster.sink(i).learnedLog.get(0);
            maxRound = Math.max(maxRound, Integer.parseInt(record.replaceAll(".*round=(\\d+).*", "$1")));
        }
        final double theory = strategy == StrategyKind.PUSH ? log2(n) + Math.log(n) :
            strategy == StrategyKind.PULL ? log2(n) + log2(log2(n)) : Math.log(n) / Math.log(3) + log2(Math.log(n));
        System.out.printf("PropagationRoundsTest N=%d %s: all informed at logical round %d (model %.1f), %d ms " +
            "at a 100 ms period, %.1f messages per node%n", n, strategy, maxRound, theory, elapsedMs,
            (totalSent(cluster) - sentBefore) / (double)n);
        assertThat((double)maxRound).isBetween(theory / 2, theory * 2 + 4);
    }

    private static long totalSent(final InMemoryCluster cluster)
    {
        long total = 0;
        for (final GossipNode node : cluster.nodes())
        {
            total += node.counters().messagesSent;
        }
        return total;
    }
}
