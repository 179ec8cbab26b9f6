package io.hearsay.core;

import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;
import org.junit.jupiter.api.Test;

import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latency-paced eager timing on the in-memory cluster's virtual clock (1 ms one-way): while a rumor is fresh, a
 * node's next exchange starts when the previous one is answered, not at the gossip tick; and it is bounded (per
 * rumor, per second, by age), so it stops by itself.
 */
class PacedEagerTest
{
    private static final int NODES = 256;

    private static NodeConfig eager()
    {
        return NodeConfig.profile(NodeConfig.Profile.LOCAL).strategy(StrategyKind.PUSH_PULL)
            .timing(TimingMode.EAGER).piggybackRumors(false);
    }

    private static InMemoryCluster formed(final NodeConfig config)
    {
        final InMemoryCluster cluster = InMemoryCluster.of(NODES, config.conclude(), 7).joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(60))).isTrue();
        cluster.runFor(seconds(2));
        return cluster;
    }

    private static long paced(final InMemoryCluster cluster)
    {
        long total = 0;
        for (final GossipNode node : cluster.nodes())
        {
            total += node.counters().pacedExchanges;
        }
        return total;
    }

    /** ms until every node knows a fresh event */
    private static long spreadMs(final InMemoryCluster cluster)
    {
        final long startNs = cluster.nowNs();
        final long sequence = cluster.broadcast(0);
        assertThat(cluster.runUntil(() -> cluster.allKnow(0, sequence), seconds(30))).isTrue();
        return (cluster.nowNs() - startNs) / 1_000_000;
    }

    @Test
    void shouldReachAllWithinOneGossipPeriodWhereTheOneShotForwardNeedsSeveral()
    {
        final InMemoryCluster paced = formed(eager());
        final long pacedMs = spreadMs(paced);
        final InMemoryCluster oneShot = formed(eager().eagerFreshNs(0));
        final long oneShotMs = spreadMs(oneShot);
        System.out.printf("PacedEagerTest N=%d, 1 ms one-way: paced all informed in %d ms, one-shot forward %d ms " +
            "(gossip period 100 ms)%n", NODES, pacedMs, oneShotMs);
        // log2 256 + ln 256 = 13.5 push rounds of one 2 ms round trip each, far under a 100 ms period
        assertThat(pacedMs).isLessThan(60);
        assertThat(oneShotMs).isGreaterThan(100);
    }

    @Test
    void shouldStopByItselfWithinTheCapPerRumor()
    {
        final NodeConfig config = eager().eagerExchangesPerRumor(6);
        final InMemoryCluster cluster = formed(config);
        final long before = paced(cluster);
        spreadMs(cluster);
        cluster.runFor(seconds(1));
        final long after = paced(cluster);
        cluster.runFor(seconds(2));
        assertThat(paced(cluster)).as("no paced exchange once the rumor is stale").isEqualTo(after);
        for (final GossipNode node : cluster.nodes())
        {
            assertThat(node.counters().pacedExchanges).isLessThanOrEqualTo(6);
        }
        System.out.printf("PacedEagerTest N=%d: %.1f paced exchanges per node for one rumor (cap 6)%n", NODES,
            (after - before) / (double)NODES);
    }

    @Test
    void shouldStartNoMoreThanThePerSecondBoundHoweverManyRumorsAreFresh()
    {
        final InMemoryCluster cluster = formed(eager().eagerExchangesPerSecond(5));
        final long[] before = new long[NODES];
        for (int i = 0; i < NODES; i++)
        {
            before[i] = cluster.node(i).counters().pacedExchanges;
        }
        // a new event every 10 ms for 2 s: always something fresh
        for (int e = 0; e < 200; e++)
        {
            cluster.broadcast(e % NODES);
            cluster.runFor(10_000_000L);
        }
        for (int i = 0; i < NODES; i++)
        {
            // two whole windows and the two they straddle at most
            assertThat(cluster.node(i).counters().pacedExchanges - before[i]).isLessThanOrEqualTo(4 * 5);
        }
    }

    @Test
    void shouldStartTheNextExchangeAfterTheTimeoutWhenNoAnswerComes()
    {
        final InMemoryCluster cluster = formed(eager().eagerExchangeTimeoutNs(5_000_000L).eagerExchangesPerRumor(8));
        cluster.drop(1.0);
        final GossipNode origin = cluster.node(0);
        final long startedBefore = origin.counters().pacedExchanges;
        cluster.broadcast(0);
        cluster.runFor(20_000_000L);
        // fanout 1: one exchange at once, then one per 5 ms timeout
        assertThat(origin.counters().pacedTimeouts).isGreaterThanOrEqualTo(3);
        cluster.runFor(seconds(1));
        assertThat(origin.counters().pacedExchanges - startedBefore).isEqualTo(8);
    }
}
