package io.hearsay.core;

import io.hearsay.core.membership.Membership;
import io.hearsay.testing.InMemoryCluster;
import io.hearsay.wire.WirePublisher;
import io.hearsay.wire.sbe.GossipKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.hearsay.testing.InMemoryCluster.address;
import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile peers against a joined cluster of real {@link GossipNode}s on a virtual clock (no key: anyone can send a
 * datagram). Each test forges what issue 13 found, asserts membership stays correct, the member table and the rumor
 * store stay bounded and the cluster keeps serving (an event still reaches every node), and prints its figures as
 * {@code HARDENING ...} lines (daemon/MEASUREMENTS.md, "Hardening").
 */
class HostilePeerTest
{
    private static final long SEED = 13;
    private static final int N = 8;
    private static final int VICTIM = 5;
    /** the forger spoofs this member's address (a third party's claim) */
    private static final int SPOOFED = 2;
    private static final int ALIVE = MemberStatus.ALIVE.ordinal();
    private static final int SUSPECT = MemberStatus.SUSPECT.ordinal();
    private static final int DEAD = MemberStatus.DEAD.ordinal();

    private static NodeConfig config()
    {
        return NodeConfig.profile(NodeConfig.Profile.LOCAL);
    }

    private static InMemoryCluster joined(final NodeConfig config)
    {
        final InMemoryCluster cluster = InMemoryCluster.of(N, config.conclude(), SEED).joinAll();
        assertThat(cluster.runUntil(cluster::converged, seconds(15))).as("join converged").isTrue();
        return cluster;
    }

    private static byte[] bytes(final WirePublisher publisher, final int length)
    {
        final byte[] copy = new byte[length];
        publisher.buffer().getBytes(0, copy);
        return copy;
    }

    /** a PUSH from {@code sender} carrying one membership claim */
    private static byte[] claim(
        final InMemoryCluster cluster, final long sender, final long about, final long bootId, final long incarnation,
        final int status)
    {
        final WirePublisher forger = new WirePublisher(cluster.config().clusterName(), sender, 1, 1472);
        forger.beginGossip(0, 0, GossipKind.PUSH.value(), 0);
        forger.updatesCount(1);
        forger.update(about, bootId, incarnation, status, sender);
        forger.rumorsCount(0);
        forger.digestCount(0);
        return bytes(forger, forger.finish());
    }

    private static void toAll(final InMemoryCluster cluster, final long source, final byte[] datagram)
    {
        for (int i = 0; i < N; i++)
        {
            cluster.inject(source, i, datagram);
        }
    }

    private static void assertStillServing(final InMemoryCluster cluster, final int origin)
    {
        assertThat(cluster.converged()).as("every node sees exactly the running nodes").isTrue();
        final long sequence = cluster.broadcast(origin);
        assertThat(cluster.runUntil(() -> cluster.allKnow(origin, sequence), seconds(10)))
            .as("an event still reaches every node").isTrue();
    }

    private static long refusals(final InMemoryCluster cluster, final Refusal reason)
    {
        long total = 0;
        for (final GossipNode node : cluster.nodes())
        {
            total += node.counters().refusals(reason);
        }
        return total;
    }

    private static int tableSize(final GossipNode node)
    {
        final int[] count = new int[1];
        node.forEachMember((a, s, i, b) -> count[0]++);
        return count[0];
    }

    private static long maxIncarnation(final GossipNode node)
    {
        final long[] max = {Long.MIN_VALUE};
        node.forEachMember((a, s, i, b) -> max[0] = Math.max(max[0], i));
        return max[0];
    }

    @Test
    void aForgedDeadWithALargerBootIdEvictsNobody()
    {
        final InMemoryCluster cluster = joined(config());
        final byte[] forged = claim(cluster, address(SPOOFED), address(VICTIM), 2, 0, DEAD);
        toAll(cluster, address(SPOOFED), forged);
        cluster.runFor(seconds(3));
        assertThat(cluster.allSee(VICTIM, MemberStatus.ALIVE)).as("victim alive everywhere").isTrue();
        assertThat(refusals(cluster, Refusal.BOOT_ID_CLAIM)).isPositive();
        assertStillServing(cluster, 0);
        System.out.println("HARDENING forged-dead-boot+1 datagrams=" + N + " evicted=0 refused_boot_id_claim=" +
            refusals(cluster, Refusal.BOOT_ID_CLAIM));
    }

    @Test
    void aForgedDeadAtTheVictimsIncarnationIsRefutedWithinAProbePeriod()
    {
        final InMemoryCluster cluster = joined(config());
        final long startNs = cluster.nowNs();
        final long incarnation = cluster.node(VICTIM).incarnation();
        toAll(cluster, address(SPOOFED), claim(cluster, address(SPOOFED), address(VICTIM), 1, incarnation, DEAD));
        assertThat(cluster.runUntil(() -> cluster.allSee(VICTIM, MemberStatus.DEAD) ||
            cluster.node(VICTIM).incarnation() > incarnation, seconds(1))).isTrue();
        assertThat(cluster.runUntil(() -> cluster.allSee(VICTIM, MemberStatus.ALIVE) &&
            cluster.node(VICTIM).incarnation() > incarnation, seconds(cluster.config().probePeriodNs() / 1e9)))
            .as("the victim refuted and is alive everywhere within one probe period").isTrue();
        final double recoverMs = (cluster.nowNs() - startNs) / 1e6;
        assertStillServing(cluster, VICTIM);
        System.out.printf("HARDENING forged-dead-same-boot datagrams=%d recovered_ms=%.0f%n", N, recoverMs);
    }

    @Test
    void aSuspicionAtTheLargestIncarnationNeitherWrapsNorEvicts()
    {
        final InMemoryCluster cluster = joined(config());
        final byte[] forged = claim(cluster, address(SPOOFED), address(VICTIM), 1, Long.MAX_VALUE, SUSPECT);
        toAll(cluster, address(SPOOFED), forged);
        cluster.runFor(seconds(10));
        assertThat(cluster.node(VICTIM).incarnation()).as("no wrap").isBetween(0L, Membership.INCARNATION_STEP_LIMIT);
        assertThat(cluster.allSee(VICTIM, MemberStatus.ALIVE)).isTrue();
        assertThat(refusals(cluster, Refusal.INCARNATION_AHEAD)).isEqualTo(N - 1);
        assertThat(Membership.saturatingIncrement(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertStillServing(cluster, VICTIM);
        System.out.println("HARDENING suspect-at-long-max datagrams=" + N + " victim_incarnation=" +
            cluster.node(VICTIM).incarnation());
    }

    @Test
    void aJoinFloodFromSpoofedSendersAddsNoMemberAndReflectsLessThanItReceives()
    {
        final InMemoryCluster cluster = joined(config());
        final int floods = 10_000;
        long floodBytes = 0;
        for (int i = 0; i < floods; i++)
        {
            final long spoofed = 1_000_000 + i;
            final WirePublisher joiner = new WirePublisher(cluster.config().clusterName(), spoofed, 1, 1472);
            final byte[] join = bytes(joiner, joiner.join(0, 0, true));
            floodBytes += join.length;
            cluster.inject(spoofed, i % N, join);
        }
        cluster.runFor(seconds(10));
        for (final GossipNode node : cluster.nodes())
        {
            assertThat(tableSize(node)).as("no phantom member").isEqualTo(N);
        }
        assertThat(cluster.undeliverableBytes()).as("bytes sent to the spoofed senders").isLessThan(floodBytes);
        assertThat(refusals(cluster, Refusal.UNVERIFIED_SENDER)).isGreaterThanOrEqualTo(floods);
        assertStillServing(cluster, 3);
        System.out.printf("HARDENING join-flood datagrams=%d bytes_in=%d bytes_reflected=%d ratio=%.3f members=%d%n",
            floods, floodBytes, cluster.undeliverableBytes(), (double)cluster.undeliverableBytes() / floodBytes, N);
    }

    @Test
    void aMemberStateFloodOfUnreachableMembersLeavesTheTableAsItWas()
    {
        final InMemoryCluster cluster = joined(config());
        final int phantoms = 100_000;
        final WirePublisher forger = new WirePublisher(cluster.config().clusterName(), address(SPOOFED), 1, 1472);
        int sent = 0;
        for (int first = 0; first < phantoms; first += 40)
        {
            forger.beginMemberState(0, 0, 0, 1);
            forger.membersCount(40);
            for (int j = 0; j < 40; j++)
            {
                forger.member(2_000_000 + first + j, 1, 0, ALIVE);
            }
            cluster.inject(address(SPOOFED), 0, bytes(forger, forger.finish()));
            sent++;
        }
        cluster.runFor(seconds(5));
        assertThat(tableSize(cluster.node(0))).as("no phantom admitted").isEqualTo(N);
        assertThat(cluster.undeliverable()).as("verification pings bounded per probe period")
            .isLessThanOrEqualTo(cluster.config().memberAdmissionsPerPeriod() * 6L);
        assertStillServing(cluster, 0);
        System.out.println("HARDENING member-state-flood datagrams=" + sent + " claimed_members=" + phantoms +
            " verification_pings=" + cluster.undeliverable() + " table=" + tableSize(cluster.node(0)));
    }

    @Test
    void aRumorFloodStopsAtTheStoreBoundAndTheNodeServesAgainAfterTheRetention()
    {
        final int bound = 256;
        final InMemoryCluster cluster = joined(config().maxRetainedRumors(bound).rumorRetentionNs(seconds(2)));
        final WirePublisher forger = new WirePublisher(cluster.config().clusterName(), address(SPOOFED), 1, 1472);
        final byte[] payload = new byte[100];
        final int datagrams = 5_000;
        for (int d = 0; d < datagrams; d++)
        {
            forger.beginGossip(0, 0, GossipKind.PUSH.value(), 0);
            forger.updatesCount(0);
            forger.rumorsCount(10);
            for (int r = 0; r < 10; r++)
            {
                forger.rumor(address(SPOOFED), 1_000_000L + d * 10L + r, 0, 0, 0, 0,
                    new org.agrona.concurrent.UnsafeBuffer(payload), 0, payload.length);
            }
            forger.digestCount(0);
            cluster.inject(address(SPOOFED), 0, bytes(forger, forger.finish()));
        }
        cluster.runFor(seconds(0.5));
        int maxHeld = 0;
        for (final GossipNode node : cluster.nodes())
        {
            maxHeld = Math.max(maxHeld, node.eventsKnown());
            assertThat(node.eventsKnown()).isLessThanOrEqualTo(bound);
        }
        assertThat(refusals(cluster, Refusal.RUMOR_STORE_FULL)).isPositive();
        final long startNs = cluster.nowNs();
        assertThat(cluster.runUntil(() ->
        {
            for (final GossipNode node : cluster.nodes())
            {
                if (node.eventsKnown() > bound / 2)
                {
                    return false;
                }
            }
            return true;
        }, seconds(10))).as("the flood's rumors expire").isTrue();
        final double recoverMs = (cluster.nowNs() - startNs) / 1e6;
        assertStillServing(cluster, 0);
        System.out.printf("HARDENING rumor-flood datagrams=%d rumors=%d store_bound=%d max_held=%d refused=%d " +
            "recovered_ms=%.0f%n", datagrams, datagrams * 10, bound, maxHeld,
            refusals(cluster, Refusal.RUMOR_STORE_FULL), recoverMs);
    }

    @Test
    void aFullStoreRefusesABroadcastWithOneClearLineAndStaysIntact()
    {
        final InMemoryCluster cluster = joined(config().maxRetainedRumors(16));
        for (int i = 0; i < 16; i++)
        {
            cluster.broadcast(1);
        }
        final int held = cluster.node(1).eventsKnown();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cluster.broadcast(1))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxRetainedRumors = 16");
        assertThat(cluster.node(1).eventsKnown()).isEqualTo(held);
        assertThat(cluster.node(1).counters().refusals(Refusal.RUMOR_STORE_FULL)).isEqualTo(1);
    }

    @Test
    void bitFlippedAndReplayedDatagramsCreateNoPhantomAndNoHugeIncarnation()
    {
        final InMemoryCluster cluster = joined(config());
        final List<InMemoryCluster.Captured> captured = new ArrayList<>();
        cluster.capture(captured);
        cluster.runFor(seconds(5));
        cluster.capture(null);
        final SplittableRandom random = new SplittableRandom(SEED);
        int flipped = 0;
        int replayed = 0;
        for (int round = 0; round < 3_000; round++)
        {
            final InMemoryCluster.Captured p = captured.get(random.nextInt(captured.size()));
            final byte[] damaged = p.bytes().clone();
            for (int f = 1 + random.nextInt(3); f > 0; f--)
            {
                final int bit = random.nextInt(damaged.length * 8);
                damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            }
            cluster.inject(p.from(), InMemoryCluster.index(p.to()), damaged);
            flipped++;
            cluster.inject(p.from(), InMemoryCluster.index(p.to()), p.bytes());
            replayed++;
        }
        cluster.runFor(seconds(10));
        for (final GossipNode node : cluster.nodes())
        {
            assertThat(tableSize(node)).as("no phantom member").isEqualTo(N);
            // a flip in the low 16 bits of a claim about a node is within the step limit: it refutes a bit higher
            assertThat(maxIncarnation(node)).as("no huge incarnation").isLessThan(1L << 32);
            node.forEachMember((a, status, incarnation, bootId) ->
                assertThat(bootId).as("no boot id but the member's own").isEqualTo(1));
        }
        assertStillServing(cluster, 4);
        System.out.println("HARDENING bit-flipped datagrams=" + flipped + " replayed=" + replayed +
            " phantoms=0 max_incarnation=" + maxIncarnation(cluster.node(0)));
    }

    @Test
    void anEnvelopeNamingAnotherSenderThanItsSourceIsDropped()
    {
        final InMemoryCluster cluster = joined(config());
        final long attacker = 9_999;
        toAll(cluster, attacker, claim(cluster, address(SPOOFED), address(VICTIM), 1,
            cluster.node(VICTIM).incarnation() + 1, DEAD));
        cluster.runFor(seconds(2));
        assertThat(cluster.allSee(VICTIM, MemberStatus.ALIVE)).isTrue();
        assertThat(refusals(cluster, Refusal.SENDER_MISMATCH)).isEqualTo(N - 1);
    }
}
