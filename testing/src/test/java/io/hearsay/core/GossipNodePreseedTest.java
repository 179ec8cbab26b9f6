package io.hearsay.core;

import io.hearsay.testing.RecordingSink;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link GossipNode#addKnownMember}: a pre-seeded member table, as the simulator's fast formation uses it. */
class GossipNodePreseedTest
{
    private static final long SELF = 100;
    private static final long MS = 1_000_000L;

    @Test
    void shouldStartKnowingPreseededMembersAliveWithoutGossipingAboutThem()
    {
        final NodeConfig config = NodeConfig.profile(NodeConfig.Profile.LOCAL).conclude();
        final Wiretap tap = new Wiretap(config);
        final RecordingSink sink = new RecordingSink();
        final GossipNode node = new GossipNode(config, SELF, 7, tap, sink, new SplittableRandom(3), 0);

        node.reserveMembers(11);
        for (long address = 1; address <= 10; address++)
        {
            assertThat(node.addKnownMember(address, 2, 40 + address, 0)).isTrue();
        }
        assertThat(node.addKnownMember(5, 9, 45, 0)).as("already known: ignored").isFalse();
        assertThat(node.addKnownMember(SELF, 9, 7, 0)).as("itself: ignored").isFalse();

        assertThat(node.liveMemberCount()).isEqualTo(11);
        assertThat(node.memberStatus(5)).isEqualTo(MemberStatus.ALIVE);
        final long[] incarnationOf5 = new long[1];
        node.forEachMember((address, status, incarnation, bootId) ->
        {
            if (address == 5)
            {
                incarnationOf5[0] = incarnation;
            }
        });
        assertThat(incarnationOf5[0]).as("the first claim stands").isEqualTo(2);
        assertThat(sink.memberChanges).as("a starting state, not a change").isEmpty();

        long nowNs = 0;
        while (nowNs < 3_000 * MS)
        {
            nowNs = Math.max(nowNs, node.nextDeadlineNs());
            node.doWork(nowNs);
        }
        assertThat(tap.sent).as("it probes and gossips to the pre-seeded members").isNotEmpty();
        assertThat(tap.sent).allMatch(s -> s.to >= 1 && s.to <= 10);
        assertThat(tap.sent).as("no ALIVE update about members everyone already knows (unanswered probes may suspect)")
            .allMatch(s -> s.updates.stream().allMatch(u -> u[0] == SELF || u[3] != MemberStatus.ALIVE.ordinal()));
    }
}
