package io.hearsay.core;

import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static io.hearsay.testing.InMemoryCluster.address;
import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/** Many nodes on a virtual clock through an in-memory network; every assertion names the seed. */
class ClusterTest
{
    private static final long SEED = 42;

    private static NodeConfig config()
    {
        return NodeConfig.profile(NodeConfig.Profile.LOCAL);
    }

    private static InMemoryCluster joined(final int n, final NodeConfig config, final long seed)
    {
        final InMemoryCluster cluster = InMemoryCluster.of(n, config.conclude(), seed).joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(15))).as("join converged, seed %d", seed).isTrue();
        return cluster;
    }

    static List<Arguments> strategiesAndTimings()
    {
        final List<Arguments> all = new ArrayList<>();
        for (final StrategyKind strategy : StrategyKind.values())
        {
            for (final TimingMode timing : TimingMode.values())
            {
                all.add(Arguments.of(strategy, timing));
            }
        }
        return all;
    }

    @Test
    void shouldConvergeMembershipAfterJoinThroughOneSeed()
    {
        joined(32, config(), SEED);
    }

    @ParameterizedTest
    @MethodSource("strategiesAndTimings")
    void shouldSpreadAnEventToAllNodes(final StrategyKind strategy, final TimingMode timing)
    {
        final InMemoryCluster cluster = joined(32, config().strategy(strategy).timing(timing).piggybackRumors(false), SEED);
        final long sequence = cluster.broadcast(3);
        assertThat(cluster.runUntil(() -> cluster.allKnow(3, sequence), seconds(10)))
            .as("event reaches all with %s %s, seed %d", strategy, timing, SEED).isTrue();
        for (int i = 0; i < cluster.size(); i++)
        {
            assertThat(cluster.sink(i).learned).as("node %d learned once", i).hasSize(1);
        }
        assertThat(cluster.sink(3).learnedLog.get(0)).contains("round=0 hops=0 channel=ORIGIN");
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void shouldSpreadAnEventToAllNodesWithTenPercentLoss(final StrategyKind strategy)
    {
        final InMemoryCluster cluster = joined(32, config().strategy(strategy), SEED).drop(0.10);
        final long sequence = cluster.broadcast(5);
        assertThat(cluster.runUntil(() -> cluster.allKnow(5, sequence), seconds(20)))
            .as("event reaches all with %s under 10%% loss, seed %d", strategy, SEED).isTrue();
    }

    @Test
    void shouldReportLogicalRoundsThatGrowWithDistanceFromTheOrigin()
    {
        final InMemoryCluster cluster = joined(32, config().strategy(StrategyKind.PUSH_PULL).piggybackRumors(false), SEED);
        final long sequence = cluster.broadcast(0);
        assertThat(cluster.runUntil(() -> cluster.allKnow(0, sequence), seconds(10))).isTrue();
        int maxRound = 0;
        for (int i = 1; i < cluster.size(); i++)
        {
            final String record = cluster.sink(i).learnedLog.get(0);
            final int round = Integer.parseInt(record.replaceAll(".*round=(\\d+).*", "$1"));
            assertThat(round).as("record %s", record).isBetween(1, 20);
            maxRound = Math.max(maxRound, round);
        }
        assertThat(maxRound).as("push-pull in 32 nodes needs a few rounds").isBetween(2, 12);
    }

    @Test
    void shouldDeclareACrashedNodeDeadAtAllOthers()
    {
        final InMemoryCluster cluster = joined(16, config(), SEED);
        cluster.crash(7);
        assertThat(cluster.runUntil(() -> cluster.allSee(7, MemberStatus.DEAD), seconds(30)))
            .as("crashed node 7 dead everywhere, seed %d", SEED).isTrue();
        assertThat(cluster.converged()).isTrue();
    }

    @Test
    void shouldSeeAGracefulLeaveAsLeft()
    {
        final InMemoryCluster cluster = joined(16, config(), SEED);
        cluster.node(4).leave(cluster.nowNs());
        assertThat(cluster.runUntil(() -> cluster.allSee(4, MemberStatus.LEFT), seconds(10)))
            .as("node 4 left, seen by all, seed %d", SEED).isTrue();
    }

    @Test
    void shouldRemergeAfterAPartitionHeals()
    {
        final InMemoryCluster cluster = joined(16, config(), SEED);
        cluster.partition(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(cluster.runUntil(() -> cluster.allSee(12, MemberStatus.DEAD) || sidesSplit(cluster), seconds(60)))
            .isTrue();
        assertThat(cluster.runUntil(() -> sidesSplit(cluster), seconds(60))).as("each side declares the other dead").isTrue();
        cluster.heal();
        assertThat(cluster.runUntil(cluster::converged, seconds(60)))
            .as("re-merged after heal, seed %d", SEED).isTrue();
        final long sequence = cluster.broadcast(1);
        assertThat(cluster.runUntil(() -> cluster.allKnow(1, sequence), seconds(10))).isTrue();
    }

    private static boolean sidesSplit(final InMemoryCluster cluster)
    {
        for (int i = 0; i < cluster.size(); i++)
        {
            if (cluster.node(i).liveMemberCount() != 8)
            {
                return false;
            }
        }
        return true;
    }

    @Test
    void shouldSuspectAPausedNodeWhichThenRefutes()
    {
        final InMemoryCluster cluster = joined(16, config(), SEED);
        final long before = cluster.node(9).incarnation();
        cluster.pause(9, seconds(2.5));
        // a suspecter pings the suspect once it speaks again, so the refutation may come before the claim spreads
        assertThat(cluster.runUntil(() -> java.util.stream.IntStream.range(0, 16)
            .anyMatch(i -> cluster.node(i).memberStatus(address(9)) == MemberStatus.SUSPECT), seconds(5)))
            .as("paused node suspected").isTrue();
        assertThat(cluster.runUntil(() -> cluster.allSee(9, MemberStatus.ALIVE) &&
            cluster.node(0).memberStatus(address(9)) == MemberStatus.ALIVE, seconds(20))).isTrue();
        assertThat(cluster.node(9).incarnation()).as("refuted with a larger incarnation").isGreaterThan(before);
        assertThat(cluster.node(9).counters().refutations).isPositive();
    }

    @Test
    void shouldReplaceARestartedNodeWithALargerBootId()
    {
        final InMemoryCluster cluster = joined(8, config(), SEED);
        cluster.crash(5);
        assertThat(cluster.runUntil(() -> cluster.allSee(5, MemberStatus.DEAD), seconds(30))).isTrue();
        cluster.start(5, 2);
        cluster.node(5).join(new long[]{address(0)}, cluster.nowNs());
        assertThat(cluster.runUntil(cluster::converged, seconds(30))).as("restart rejoined, seed %d", SEED).isTrue();
        final long[] boot = new long[1];
        cluster.node(0).forEachMember((a, status, incarnation, bootId) ->
        {
            if (a == address(5))
            {
                boot[0] = bootId;
            }
        });
        assertThat(boot[0]).isEqualTo(2);
    }

    @Test
    void shouldSendALostChallengeAgainSoARestartedNodeIsReadmittedWithoutWaitingForAntiEntropy()
    {
        // anti-entropy out of the way, and dead members kept: only node 0's own retries can re-admit node 5 in time
        final NodeConfig config = config().antiEntropyPeriodNs(seconds(600)).deadMemberRetentionNs(seconds(600));
        final InMemoryCluster cluster = joined(64, config, SEED);
        // thirty crash, one comes back: node 0's ping of one random dead member a rejoin period rarely picks node 5
        for (int i = 5; i <= 34; i++)
        {
            cluster.crash(i);
        }
        assertThat(cluster.runUntil(() -> java.util.stream.IntStream.rangeClosed(5, 34)
            .allMatch(i -> cluster.allSee(i, MemberStatus.DEAD)), seconds(120))).isTrue();
        restartFiveBehindACutFromZero(cluster);
        // the claims have died out (and node 5 cannot reach node 0): what node 0 still sends node 5 is its retries
        cluster.runFor(seconds(3));
        assertThat(cluster.runUntil(() -> cluster.node(0).counters().refusals(Refusal.BOOT_ID_CLAIM) > 0, seconds(30)))
            .as("node 0 heard of the restart, seed %d", SEED).isTrue();
        assertThat(cluster.node(0).memberStatus(address(5))).as("node 0's challenges were lost")
            .isEqualTo(MemberStatus.DEAD);
        assertZeroPingsFiveAgainAndAdmitsItOnceMended(cluster, config, "challenges");
    }

    @Test
    void shouldVerifyAgainARestartedNodeItHadForgottenWhenTheFirstPingIsLost()
    {
        // dead members forgotten after 2 s, anti-entropy out of the way: node 0 learns of node 5's new life only from
        // the members' claims, which die out; only its own retried verification can admit node 5 in time
        final NodeConfig config = config().antiEntropyPeriodNs(seconds(600)).deadMemberRetentionNs(seconds(2));
        final InMemoryCluster cluster = joined(64, config, SEED);
        cluster.crash(5);
        assertThat(cluster.runUntil(() -> cluster.allSee(5, MemberStatus.DEAD), seconds(60))).isTrue();
        cluster.runFor(seconds(8));
        assertThat(cluster.node(0).memberStatus(address(5))).as("node 0 forgot node 5").isNull();
        restartFiveBehindACutFromZero(cluster);
        assertThat(cluster.runUntil(() -> cluster.droppedOnCut(0, 5) > 0, seconds(30)))
            .as("node 0 heard of node 5 and pinged it, seed %d", SEED).isTrue();
        cluster.runFor(seconds(3));
        assertThat(cluster.node(0).memberStatus(address(5))).isNull();
        assertZeroPingsFiveAgainAndAdmitsItOnceMended(cluster, config, "verification pings");
    }

    /** Node 5 comes back at boot 2 with its link to node 0 cut; every other live node admits it. */
    private static void restartFiveBehindACutFromZero(final InMemoryCluster cluster)
    {
        cluster.cut(0, 5);
        cluster.start(5, 2);
        cluster.node(5).join(new long[]{address(1)}, cluster.nowNs());
        assertThat(cluster.runUntil(() -> java.util.stream.IntStream.range(1, cluster.size()).filter(i -> !cluster.isCrashed(i))
            .allMatch(i -> cluster.node(i).memberStatus(address(5)) == MemberStatus.ALIVE), seconds(20)))
            .as("every node but 0 admitted the restart, seed %d", SEED).isTrue();
    }

    /** Node 0 sends node 5 its pings again (lost on the cut), and admits it within a rejoin period once mended. */
    private static void assertZeroPingsFiveAgainAndAdmitsItOnceMended(
        final InMemoryCluster cluster, final NodeConfig config, final String pings)
    {
        final long before = cluster.droppedOnCut(0, 5);
        cluster.runFor(3 * config.rejoinPeriodNs());
        assertThat(cluster.droppedOnCut(0, 5) - before).as("%s sent again, seed %d", pings, SEED)
            .isGreaterThanOrEqualTo(2);
        cluster.mend(0, 5);
        assertThat(cluster.runUntil(() -> cluster.node(0).memberStatus(address(5)) == MemberStatus.ALIVE,
            config.rejoinPeriodNs() + config.probePeriodNs()))
            .as("admitted within a rejoin period of the mend, seed %d", SEED).isTrue();
    }

    @Test
    void shouldSpreadARestartedNodesNewEventsWhileItsOldOnesAreStillRetained()
    {
        final InMemoryCluster cluster = joined(8, config(), SEED);
        final long[] oldLife = {cluster.broadcast(5), cluster.broadcast(5), cluster.broadcast(5)};
        assertThat(cluster.runUntil(() -> cluster.allKnow(5, oldLife[2]) && cluster.allKnow(5, oldLife[0]), seconds(10)))
            .isTrue();
        cluster.crash(5);
        cluster.runFor(seconds(1));
        cluster.start(5, 2);
        cluster.node(5).join(new long[]{address(0)}, cluster.nowNs());
        assertThat(cluster.runUntil(cluster::converged, seconds(30))).as("restart rejoined, seed %d", SEED).isTrue();
        final long newLife = cluster.broadcast(5);
        assertThat(newLife).as("numbered within the new boot").isNotIn(oldLife[0], oldLife[1], oldLife[2]);
        assertThat(io.hearsay.core.rumor.EventSequences.numberInBoot(newLife)).isEqualTo(1);
        final String id = address(5) + ":" + newLife;
        assertThat(cluster.runUntil(() -> java.util.stream.IntStream.range(0, 8)
            .allMatch(i -> cluster.sink(i).learned.contains(id)), seconds(10)))
            .as("every node learned the restarted node's first new event %s, seed %d", id, SEED).isTrue();
    }

    @Test
    void shouldAnswerRequestsAndTimeOutUnansweredOnes()
    {
        final InMemoryCluster cluster = joined(4, config(), SEED);
        final UnsafeBuffer question = new UnsafeBuffer("ping?".getBytes());
        final long correlationId = cluster.node(0).sendData(cluster.nowNs(), address(2), question, 0, 5, seconds(1));
        assertThat(cluster.runUntil(() -> !cluster.sink(2).appData.isEmpty(), seconds(1))).isTrue();
        assertThat(cluster.sink(2).appData.get(0)).isEqualTo(address(0) + " " + correlationId + " false ping?");
        final UnsafeBuffer answer = new UnsafeBuffer("pong".getBytes());
        cluster.node(2).respond(cluster.nowNs(), address(0), correlationId, answer, 0, 4);
        assertThat(cluster.runUntil(() -> !cluster.sink(0).appData.isEmpty(), seconds(1))).isTrue();
        assertThat(cluster.sink(0).appData.get(0)).isEqualTo(address(2) + " " + correlationId + " true pong");

        cluster.crash(3);
        final long lost = cluster.node(0).sendData(cluster.nowNs(), address(3), question, 0, 5, seconds(1));
        assertThat(cluster.runUntil(() -> cluster.sink(0).timeouts.contains(lost), seconds(2))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void shouldExpireARumorEverywhereWithoutLearningItTwice(final StrategyKind strategy)
    {
        final InMemoryCluster cluster = joined(16, config().strategy(strategy).rumorRetentionNs(seconds(2)), SEED);
        final long sequence = cluster.broadcast(2);
        assertThat(cluster.runUntil(() -> cluster.allKnow(2, sequence), seconds(2))).isTrue();
        cluster.runFor(seconds(10));
        for (int i = 0; i < cluster.size(); i++)
        {
            assertThat(cluster.sink(i).learned).as("node %d learned once (the sink throws on a second time)", i)
                .hasSize(1);
            assertThat(cluster.node(i).counters().rumorsExpired).as("node %d expired it", i).isEqualTo(1);
            assertThat(cluster.node(i).eventsKnown()).as("tombstone gone after two retentions").isZero();
        }
    }

    @Test
    void shouldDeliverAMissedEventThroughAntiEntropy()
    {
        final InMemoryCluster cluster = joined(16, config().strategy(StrategyKind.PUSH).piggybackRumors(false)
            .antiEntropyPeriodNs(seconds(1)), SEED);
        cluster.partition(7);
        final long sequence = cluster.broadcast(2);
        assertThat(cluster.runUntil(() -> knownByAllBut(cluster, 7, 2, sequence), seconds(5))).isTrue();
        cluster.runFor(seconds(1));
        cluster.heal();
        assertThat(cluster.runUntil(() -> cluster.node(7).knowsEvent(address(2), sequence), seconds(20)))
            .as("the isolated node gets the event after the push rounds ended, seed %d", SEED).isTrue();
        assertThat(cluster.sink(7).learnedLog.get(0)).contains("channel=ANTI_ENTROPY");
    }

    private static boolean knownByAllBut(final InMemoryCluster cluster, final int excluded, final int origin, final long sequence)
    {
        for (int i = 0; i < cluster.size(); i++)
        {
            if (i != excluded && !cluster.node(i).knowsEvent(address(origin), sequence))
            {
                return false;
            }
        }
        return !cluster.node(excluded).knowsEvent(address(origin), sequence);
    }
}
