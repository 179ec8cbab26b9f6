package io.hearsay.core;

import io.hearsay.core.direct.DirectAddressing;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.testing.InMemoryCluster;
import io.hearsay.wire.WirePublisher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;

import static io.hearsay.testing.InMemoryCluster.LATENCY_NS;
import static io.hearsay.testing.InMemoryCluster.address;
import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct-addressing strategy of the core ({@link DirectAddressing}), hand-stepped in virtual time (1 ms
 * datagrams, the local profile's 100 ms rounds): the structure is built by the plan's rounds while the first event
 * rides on its calls; a later event travels the kept structure in a constant number of hops; a killed leader and
 * 10 % loss leave nobody uninformed (the orphans pull random nodes); the answer cap holds; forged claims are refused.
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

    /** n nodes joined (seed {@link #SEED}), the plan run by a first event from {@code origin}, the structure built */
    static InMemoryCluster builtByAnEvent(final int n, final int origin)
    {
        final InMemoryCluster cluster = joined(n, SEED, 0);
        cluster.broadcast(origin);
        build(cluster);
        return cluster;
    }

    /** runs until every live node has finished the plan, then two more rounds */
    static void build(final InMemoryCluster cluster)
    {
        assertThat(cluster.runUntil(() -> builtEverywhere(cluster), seconds(30))).as("structure built").isTrue();
        cluster.runFor(seconds(0.3));
    }

    static boolean builtEverywhere(final InMemoryCluster cluster)
    {
        for (final int i : cluster.liveNodes())
        {
            if (!cluster.node(i).direct().structureBuilt())
            {
                return false;
            }
        }
        return true;
    }

    /** leader address -> members (leader included) over the live nodes */
    static Map<Long, Integer> groups(final InMemoryCluster cluster)
    {
        final Map<Long, Integer> groups = new HashMap<>();
        for (final int i : cluster.liveNodes())
        {
            final DirectAddressing d = cluster.node(i).direct();
            if (d.leader() != DirectAddressing.NONE)
            {
                groups.merge(d.leader(), 1, Integer::sum);
            }
        }
        return groups;
    }

    static int roots(final InMemoryCluster cluster)
    {
        int roots = 0;
        for (final int i : cluster.liveNodes())
        {
            final DirectAddressing d = cluster.node(i).direct();
            roots += d.isLeader() && d.root() == DirectAddressing.NONE ? 1 : 0;
        }
        return roots;
    }

    /** every leader's root is a root itself (no chain of roots) */
    static boolean rootDepthOne(final InMemoryCluster cluster)
    {
        for (final int i : cluster.liveNodes())
        {
            final DirectAddressing d = cluster.node(i).direct();
            if (d.isLeader() && d.root() != DirectAddressing.NONE &&
                cluster.node(InMemoryCluster.index(d.root())).direct().root() != DirectAddressing.NONE)
            {
                return false;
            }
        }
        return true;
    }

    static String describe(final InMemoryCluster cluster)
    {
        int unclustered = 0;
        for (final int i : cluster.liveNodes())
        {
            unclustered += cluster.node(i).direct().leader() == DirectAddressing.NONE ? 1 : 0;
        }
        return "round " + cluster.node(cluster.liveNodes().get(0)).direct().round() + " groups " +
            groups(cluster).values() + " unclustered " + unclustered + " roots " + roots(cluster);
    }

    private static int maxHops(final InMemoryCluster cluster)
    {
        int max = 0;
        for (final int i : cluster.liveNodes())
        {
            final String record = cluster.sink(i).learnedLog.get(cluster.sink(i).learnedLog.size() - 1);
            max = Math.max(max, Integer.parseInt(record.replaceAll(".*hops=(\\d+).*", "$1")));
        }
        return max;
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void shouldInformEveryNodeOnTheStructureThenKeepItForAConstantHopEvent(final long seed)
    {
        final int n = 128;
        final InMemoryCluster cluster = joined(n, seed, 0);
        final long sequence = cluster.broadcast(3);
        assertThat(cluster.runUntil(() -> cluster.allKnow(3, sequence), seconds(10)))
            .as("first event, all informed, seed %d: %s", seed, describe(cluster)).isTrue();
        build(cluster);
        // roots that did not see each other in the final merge find the largest id by calling random nodes; a
        // leader under a root that went under another jumps the pointer with its next call
        assertThat(cluster.runUntil(() -> roots(cluster) == 1 && rootDepthOne(cluster), seconds(1)))
            .as("one root within 10 rounds of the final merge, every leader right under it, seed %d: %s", seed,
                describe(cluster)).isTrue();
        final long steadyNs = laterEvent(cluster, 17, "seed " + seed);
        System.out.printf("DirectAddressingStrategyTest seed %d N=%d: steady event in %.1f ms, %d hops; %s%n",
            seed, n, steadyNs / 1e6, maxHops(cluster), describe(cluster));
    }

    /**
     * A later event from {@code origin} on the kept structure reaches every node. Source -> leader -> root -> leaders
     * -> members: 4 forwards, each one datagram latency; one more while a leader still points to a root that went
     * under another (its next call to the root jumps the pointer). A node the forwards miss (not yet among its
     * leader's followers) pulls the event with its next call: one round.
     *
     * @return how long it took
     */
    private static long laterEvent(final InMemoryCluster cluster, final int origin, final String what)
    {
        final long t0 = cluster.nowNs();
        final long sequence = cluster.broadcast(origin);
        assertThat(cluster.runUntil(() -> cluster.allKnow(origin, sequence), seconds(10))).as("%s: all informed", what).isTrue();
        final long ns = cluster.nowNs() - t0;
        assertThat(maxHops(cluster)).as("%s: hops of the later event: %s", what, describe(cluster)).isLessThanOrEqualTo(5);
        assertThat(ns).as("%s: the later event, forwards and at most one round of pulls: %s", what, describe(cluster))
            .isLessThanOrEqualTo(cluster.config().gossipPeriodNs() + 5 * LATENCY_NS + LATENCY_NS / 2);
        return ns;
    }

    @Test
    void shouldCountOneDeliveryRoundPerTickOnceTheStructureIsBuilt()
    {
        // adopting larger rounds in delivery made rounds race ahead of the ticks (16 a second at 256 nodes and 100 ms
        // ticks): followers then looked stale after a fraction of the FOLLOWER_ROUNDS periods, forwards stopped and a
        // later event went by the callers' pulls, a tick a hop (1.4 s over 4 hops on loopback)
        final int n = 256;
        final InMemoryCluster cluster = builtByAnEvent(n, 3);
        final int[] before = new int[n];
        for (final int i : cluster.liveNodes())
        {
            before[i] = cluster.node(i).direct().round();
        }
        final int ticks = 30;
        cluster.runFor(ticks * cluster.config().gossipPeriodNs());
        for (final int i : cluster.liveNodes())
        {
            assertThat(cluster.node(i).direct().round() - before[i]).as("delivery rounds of node %d in %d ticks", i, ticks)
                .isLessThanOrEqualTo(ticks + 1);
        }
        laterEvent(cluster, 17, "one round per tick");
    }

    @Test
    void shouldRebuildTheStructureWhenTheClusterGrewAfterThePlanStarted()
    {
        // a second process's nodes join a cluster whose plan started on the first process's view (160 of 256): the
        // plan is run again for the larger N (it waited for a doubling, so 256 nodes stayed on a plan of 160)
        final int n = 256;
        final int first = 160;
        final InMemoryCluster cluster = InMemoryCluster.of(n, NodeConfig.profile(NodeConfig.Profile.LOCAL)
            .strategy(StrategyKind.DIRECT_ADDRESSING).piggybackRumors(false).conclude(), SEED);
        for (int i = 1; i < first; i++)
        {
            cluster.node(i).join(new long[]{address(0)}, cluster.nowNs());
        }
        cluster.runFor(seconds(5));
        assertThat(cluster.node(0).direct().planNodes()).as("the first plan's N").isEqualTo(first);
        for (int i = first; i < n; i++)
        {
            cluster.node(i).join(new long[]{address(0)}, cluster.nowNs());
        }
        assertThat(cluster.runUntil(cluster::converged, seconds(30))).as("membership of %d converged", n).isTrue();
        cluster.runFor(seconds(5));
        for (final int i : cluster.liveNodes())
        {
            assertThat(cluster.node(i).direct().planNodes()).as("plan N of node %d: %s", i, describe(cluster))
                .isGreaterThanOrEqualTo((long)(n / DirectAddressing.REBUILD_GROWTH) + 1);
        }
        assertThat(roots(cluster)).as("one root: %s", describe(cluster)).isEqualTo(1);
        laterEvent(cluster, 200, "rebuilt structure");
    }

    @Test
    void shouldInformEveryLiveNodeWithALeaderKilledMidDisseminationUnderTenPercentLoss()
    {
        final int n = 128;
        final InMemoryCluster cluster = builtByAnEvent(n, 1);
        cluster.drop(0.10);
        // the biggest group's leader (not the root, not the origin) dies while the event is under way
        final Map<Long, Integer> groups = groups(cluster);
        long victim = 0;
        int biggest = 0;
        for (final Map.Entry<Long, Integer> g : groups.entrySet())
        {
            final int index = InMemoryCluster.index(g.getKey());
            if (g.getValue() > biggest && cluster.node(index).direct().root() != DirectAddressing.NONE && index != 5)
            {
                biggest = g.getValue();
                victim = g.getKey();
            }
        }
        assertThat(victim).as("a leader under the root: %s", describe(cluster)).isNotZero();
        final long sequence = cluster.broadcast(5);
        cluster.runFor(LATENCY_NS);
        cluster.crash(InMemoryCluster.index(victim));
        assertThat(cluster.runUntil(() -> cluster.allKnow(5, sequence), seconds(30)))
            .as("every live node informed with leader %d (group of %d) killed, 10%% loss", InMemoryCluster.index(victim), biggest)
            .isTrue();
        // its members re-cluster: none keeps the dead leader
        final long dead = victim;
        assertThat(cluster.runUntil(() -> !groups(cluster).containsKey(dead), seconds(10)))
            .as("no member keeps the dead leader: %s", describe(cluster)).isTrue();
        long orphaned = 0;
        for (final int i : cluster.liveNodes())
        {
            orphaned += cluster.node(i).counters().directOrphaned;
        }
        System.out.printf("DirectAddressingStrategyTest leader killed (group of %d), 10%% loss: %d orphanings; %s%n",
            biggest, orphaned, describe(cluster));
        assertThat(orphaned).as("members gave the dead leader up").isPositive();
    }

    @Test
    void shouldKeepPeakAnswersWithinTheCapAndStillInformEveryNode()
    {
        final int n = 128;
        final int cap = 3;
        final InMemoryCluster cluster = joined(n, SEED, cap);
        final long sequence = cluster.broadcast(3);
        assertThat(cluster.runUntil(() -> cluster.allKnow(3, sequence), seconds(20))).as("all informed with B = %d", cap).isTrue();
        build(cluster);
        final long second = cluster.broadcast(40);
        assertThat(cluster.runUntil(() -> cluster.allKnow(40, second), seconds(20))).isTrue();
        long busy = 0;
        long peak = 0;
        for (final int i : cluster.liveNodes())
        {
            busy += cluster.node(i).counters().directBusyReplies;
            peak = Math.max(peak, cluster.node(i).counters().directMaxAnsweredPerRound);
        }
        System.out.printf("DirectAddressingStrategyTest B=%d: peak answered %d, busy replies %d; %s%n", cap, peak, busy, describe(cluster));
        assertThat(peak).as("calls answered per round at most B").isLessThanOrEqualTo(cap);
        assertThat(busy).as("the cap was reached").isPositive();
    }

    @Test
    void shouldKeepPeakAnswersWithinTheLargestGroupAndTheRootsLeaders()
    {
        final int n = 128;
        final InMemoryCluster cluster = builtByAnEvent(n, 3);
        for (final int i : cluster.liveNodes())
        {
            cluster.node(i).counters().directMaxAnsweredPerRound = 0;
        }
        cluster.runFor(seconds(2));
        final Map<Long, Integer> groups = groups(cluster);
        final int largest = groups.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        long peak = 0;
        for (final int i : cluster.liveNodes())
        {
            peak = Math.max(peak, cluster.node(i).counters().directMaxAnsweredPerRound);
        }
        System.out.printf("DirectAddressingStrategyTest kept structure: peak answered %d, largest group %d, groups %d%n",
            peak, largest, groups.size());
        // a leader answers its members; the root also its leaders (one call per round each), plus a few random calls
        assertThat(peak).isLessThanOrEqualTo(largest + groups.size() + 2);
    }

    @Test
    void shouldRefuseAndCountForgedStructureClaims()
    {
        final int n = 16;
        final InMemoryCluster cluster = joined(n, SEED, 0);
        build(cluster);
        final GossipNode target = cluster.node(2);
        final long leaderBefore = target.direct().leader();
        final int roundBefore = target.direct().round();
        final long refusedBefore = target.counters().refusals(Refusal.DIRECT_CLAIM);
        final long sender = address(1);
        final WirePublisher forger = new WirePublisher(cluster.config().clusterName(), sender, 1, 1472);
        // a plan of 2^40 nodes; a leader nobody knows; a group larger than the plan; an unknown decision
        final long[][] claims = {
            {1L << 40, 5, 0x7777_0000_0001L, 0, 3, 0},
            {n, 5, 0x7777_0000_0001L, 0, 3, 0},
            {n, 5, address(1), 0, 1_000_000, 0},
            {n, 5, address(1), 0, 3, 9},
            {n, Integer.MAX_VALUE, address(1), 0, 3, 0},
        };
        for (final long[] c : claims)
        {
            forger.beginDirect(0, 0, DirectAddressing.ANSWER, DirectAddressing.OP_DECIDE, c[0], (int)c[1], 1, c[2], c[3],
                (int)c[4], c[2], (int)c[5], 0);
            forger.updatesCount(0);
            forger.rumorsCount(0);
            forger.digestCount(0);
            final int length = forger.finish();
            final byte[] bytes = new byte[length];
            forger.buffer().getBytes(0, bytes);
            cluster.inject(sender, 2, bytes);
        }
        cluster.runFor(LATENCY_NS * 2);
        assertThat(target.counters().refusals(Refusal.DIRECT_CLAIM) - refusedBefore).as("forged claims refused and counted")
            .isEqualTo(claims.length);
        assertThat(target.direct().leader()).isEqualTo(leaderBefore);
        assertThat(target.direct().round()).isLessThan(roundBefore + 5);
    }
}
