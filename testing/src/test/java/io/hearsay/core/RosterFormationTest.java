package io.hearsay.core;

import io.hearsay.testing.InMemoryCluster;
import io.hearsay.testing.RecordingSink;

import org.junit.jupiter.api.Test;

import static io.hearsay.testing.InMemoryCluster.address;
import static io.hearsay.testing.InMemoryCluster.seconds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roster formation ({@link GossipNode#addRosterMember}): nodes that start knowing every address form a cluster with
 * no membership updates, never suspect a member that has not started yet, and still detect one that fails later.
 */
class RosterFormationTest
{
    private static final long SEED = 2026;
    private static final int N = 32;

    private static InMemoryCluster rostered(final int started)
    {
        final InMemoryCluster cluster = InMemoryCluster.of(N, NodeConfig.profile(NodeConfig.Profile.LOCAL).conclude(), SEED);
        for (int i = 0; i < N; i++)
        {
            addRoster(cluster, i);
            if (i >= started)
            {
                cluster.crash(i); // not started yet
            }
        }
        return cluster;
    }

    private static void addRoster(final InMemoryCluster cluster, final int i)
    {
        cluster.node(i).reserveMembers(N);
        for (int j = 0; j < N; j++)
        {
            cluster.node(i).addRosterMember(address(j), cluster.nowNs());
        }
    }

    private static int memberChanges(final InMemoryCluster cluster)
    {
        int changes = 0;
        for (final RecordingSink sink : cluster.sinks())
        {
            changes += sink.memberChanges.size();
        }
        return changes;
    }

    @Test
    void shouldFormWithoutAnyMembershipUpdateAndSpreadAnEvent()
    {
        final InMemoryCluster cluster = rostered(N);
        assertThat(cluster.converged()).as("every node counts all %d from the start", N).isTrue();
        cluster.runFor(seconds(20));
        assertThat(memberChanges(cluster)).as("no member changed state, seed %d", SEED).isZero();
        assertThat(cluster.converged()).isTrue();

        final long sequence = cluster.broadcast(7);
        assertThat(cluster.runUntil(() -> cluster.allKnow(7, sequence), seconds(10)))
            .as("the event reached all %d, seed %d", N, SEED).isTrue();
    }

    @Test
    void shouldNotSuspectMembersThatHaveNotStartedYet()
    {
        final InMemoryCluster cluster = rostered(N / 2);
        cluster.runFor(seconds(30)); // far beyond the local profile's suspicion timeout
        for (int i = 0; i < N / 2; i++)
        {
            assertThat(cluster.sink(i).memberChanges).as("node %d suspected nobody, seed %d", i, SEED).isEmpty();
            assertThat(cluster.node(i).liveMemberCount()).isEqualTo(N);
        }

        for (int i = N / 2; i < N; i++)
        {
            cluster.start(i, 2);
            addRoster(cluster, i);
        }
        cluster.runFor(seconds(5));
        assertThat(memberChanges(cluster)).as("late starters were taken silently").isZero();
        final long sequence = cluster.broadcast(N - 1);
        assertThat(cluster.runUntil(() -> cluster.allKnow(N - 1, sequence), seconds(10))).isTrue();
    }

    @Test
    void shouldStillDeclareDeadAMemberThatFailsAfterItWasHeard()
    {
        final InMemoryCluster cluster = rostered(N);
        cluster.runFor(seconds(20)); // every member probed or gossiped with: heard
        cluster.crash(5);
        assertThat(cluster.runUntil(() -> cluster.allSee(5, MemberStatus.DEAD), seconds(60)))
            .as("the crashed member is dead in every view, seed %d", SEED).isTrue();
    }

    @Test
    void shouldRemoveAFailedMemberItNeverHeardFromWhenOthersSayItIsDead()
    {
        final InMemoryCluster cluster = rostered(N - 1); // the last node starts late
        cluster.runFor(seconds(20));
        cluster.crash(5);
        assertThat(cluster.runUntil(() -> cluster.allSee(5, MemberStatus.DEAD), seconds(60))).isTrue();

        // the late starter knows 5 only from the roster (unheard): the others' word that it is dead makes it suspect
        // 5 itself, and its own timer removes it (before the fix it kept 5 alive for ever: never suspected, and the
        // others' claims carry a boot id only 5's own envelope may set)
        cluster.start(N - 1, 2);
        addRoster(cluster, N - 1);
        assertThat(cluster.runUntil(() -> cluster.allSee(5, MemberStatus.DEAD), seconds(120)))
            .as("the late starter removed the member it never heard from, seed %d", SEED).isTrue();
        assertThat(cluster.sink(N - 1).memberChanges).as("and recorded it").isNotEmpty();
    }

    @Test
    void shouldLetTheUnheardsClaimsConfirmTheSuspicionOfANodeThatKnowsTheBootId()
    {
        // node 5 never starts; node 7 alone knows a boot id for it (as if it had heard 5 before), the rest only the
        // roster's unheard one; node 7 suspects 5 on its probes, the others on node 7's word, and their claims (at
        // the unheard boot id) must count as confirmations of node 7's suspicion, or node 7 waits out the longest
        // suspicion timeout (Lifeguard's max) alone while everybody else has removed 5 long before
        final InMemoryCluster cluster = InMemoryCluster.of(N, NodeConfig.profile(NodeConfig.Profile.LOCAL).conclude(), SEED);
        for (int i = 0; i < N; i++)
        {
            cluster.node(i).reserveMembers(N);
            for (int j = 0; j < N; j++)
            {
                if (i != 7 || j != 5)
                {
                    cluster.node(i).addRosterMember(address(j), cluster.nowNs());
                }
            }
        }
        assertThat(cluster.node(7).addKnownMember(address(5), 0, 1, cluster.nowNs())).isTrue();
        cluster.crash(5);
        final NodeConfig config = cluster.config();
        final long minTimeoutNs = io.hearsay.core.membership.SwimMath.suspicionTimeoutNs(
            config.suspicionMult(), N, config.probePeriodNs());
        final long maxTimeoutNs = minTimeoutNs * config.suspicionMaxTimeoutMult();
        assertThat(cluster.runUntil(() -> cluster.node(7).memberStatus(address(5)) == MemberStatus.SUSPECT,
            seconds(30))).as("node 7 suspects 5, seed %d", SEED).isTrue();
        final long suspectedNs = cluster.nowNs();
        assertThat(cluster.runUntil(() -> cluster.node(7).memberStatus(address(5)) == MemberStatus.DEAD,
            maxTimeoutNs)).as("node 7 removed 5, seed %d", SEED).isTrue();
        assertThat(cluster.nowNs() - suspectedNs).as("node 7's suspicion was confirmed by the others' claims (min %d ms, " +
            "max %d ms), seed %d", minTimeoutNs / 1_000_000, maxTimeoutNs / 1_000_000, SEED)
            .isLessThan(maxTimeoutNs / 2);
    }
}
