package io.hearsay.core;

import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.core.membership.SwimMath;
import io.hearsay.testing.RecordingSink;
import io.hearsay.wire.WirePublisher;
import io.hearsay.wire.sbe.GossipKind;
import io.hearsay.wire.sbe.ProbeKind;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One node stepped with a hand-advanced clock; peers are datagrams crafted with a {@link WirePublisher}. */
class GossipNodeStepTest
{
    private static final long SELF = 100;
    private static final long BOOT = 7;
    private static final long MS = 1_000_000L;
    private static final int ALIVE = MemberStatus.ALIVE.ordinal();
    private static final int SUSPECT = MemberStatus.SUSPECT.ordinal();

    private NodeConfig config;
    private Wiretap tap;
    private GossipNode node;
    private RecordingSink sink;
    private long nowNs;
    private boolean autoAck;

    private void start(final NodeConfig nodeConfig)
    {
        config = nodeConfig.conclude();
        tap = new Wiretap(config);
        sink = new RecordingSink();
        nowNs = 0;
        node = new GossipNode(config, SELF, BOOT, tap, sink, new SplittableRandom(11), nowNs);
    }

    private static NodeConfig local()
    {
        return NodeConfig.profile(NodeConfig.Profile.LOCAL);
    }

    private void deliver(final WirePublisher publisher, final int length)
    {
        final UnsafeBuffer datagram = Wiretap.copy(publisher, length);
        node.onPacket(nowNs, Wiretap.sender(datagram), datagram, 0, length);
    }

    /** peers 1..count become members: peer 1 sends a member-state page listing them, each answers its verification */
    private void introducePeers(final int count)
    {
        node.addKnownMember(1, 0, 1, nowNs);
        final WirePublisher peer = tap.peer(1, 1);
        peer.beginMemberState(0, 0, 0, 1);
        peer.membersCount(count);
        for (int i = 1; i <= count; i++)
        {
            peer.member(i, 1, 0, ALIVE);
        }
        final int before = tap.sent.size();
        deliver(peer, peer.finish());
        answerVerifications(before);
    }

    /** every bare verification ping sent since {@code from} is acked by its addressee */
    private void answerVerifications(final int from)
    {
        final List<Wiretap.Sent> sent = List.copyOf(tap.sent.subList(from, tap.sent.size()));
        for (final Wiretap.Sent s : sent)
        {
            if (s.body.equals("probe") && s.kind == ProbeKind.PING.value() && s.updates.isEmpty() &&
                (s.sequence & io.hearsay.core.membership.Verifications.SEQUENCE_BIT) != 0)
            {
                final WirePublisher answer = tap.peer(s.to, 1);
                answer.beginProbe(0, 0, ProbeKind.ACK.value(), s.sequence, s.to);
                answer.updatesCount(0);
                answer.rumorsCount(0);
                deliver(answer, answer.finish());
            }
        }
    }

    private void gossipUpdate(final long from, final long about, final long bootId, final long incarnation, final int status)
    {
        final WirePublisher peer = tap.peer(from, 1);
        peer.beginGossip(0, 0, GossipKind.PUSH.value(), 0);
        peer.updatesCount(1);
        peer.update(about, bootId, incarnation, status, from);
        peer.rumorsCount(0);
        peer.digestCount(0);
        deliver(peer, peer.finish());
    }

    /** advance the clock to {@code untilNs}, running every deadline on the way (and acking pings when asked) */
    private void stepTo(final long untilNs)
    {
        while (node.nextDeadlineNs() - untilNs <= 0)
        {
            nowNs = Math.max(nowNs, node.nextDeadlineNs());
            final int before = tap.sent.size();
            node.doWork(nowNs);
            if (autoAck)
            {
                ackPings(before);
            }
        }
        nowNs = untilNs;
    }

    private void ackPings(final int from)
    {
        final List<Wiretap.Sent> sent = tap.sent;
        for (int i = from, n = sent.size(); i < n; i++)
        {
            final Wiretap.Sent s = sent.get(i);
            if (s.body.equals("probe") && s.kind == ProbeKind.PING.value())
            {
                final WirePublisher peer = tap.peer(s.to, 1);
                peer.beginProbe(0, 0, ProbeKind.ACK.value(), s.sequence, s.to);
                peer.updatesCount(0);
                peer.rumorsCount(0);
                deliver(peer, peer.finish());
            }
        }
    }

    private MemberStatus statusOf(final long address)
    {
        return node.memberStatus(address);
    }

    @Test
    void shouldSuspectAMemberThatMissesItsProbeAndDeclareItDeadAfterTheSuspicionTimeout()
    {
        start(local());
        introducePeers(1);
        long suspectedAtNs = -1;
        for (long t = 0; t < 3_000 * MS && suspectedAtNs < 0; t += 10 * MS)
        {
            stepTo(t);
            if (statusOf(1) == MemberStatus.SUSPECT)
            {
                suspectedAtNs = t;
            }
        }
        assertThat(suspectedAtNs).as("suspected within two probe periods").isPositive();
        assertThat(node.counters().suspicionsRaised).isEqualTo(1);
        final long timeoutNs = SwimMath.suspicionTimeoutNs(config.suspicionMult(), 2, config.probePeriodNs());
        stepTo(suspectedAtNs + timeoutNs - 20 * MS);
        assertThat(statusOf(1)).isEqualTo(MemberStatus.SUSPECT);
        stepTo(suspectedAtNs + timeoutNs + 20 * MS);
        assertThat(statusOf(1)).isEqualTo(MemberStatus.DEAD);
        assertThat(sink.memberChanges).containsSubsequence("1 SUSPECT 0", "1 DEAD 0");
    }

    @Test
    void shouldKeepAMemberAliveWhileItAcks()
    {
        start(local());
        introducePeers(3);
        autoAck = true;
        stepTo(20_000 * MS);
        assertThat(statusOf(1)).isEqualTo(MemberStatus.ALIVE);
        assertThat(statusOf(3)).isEqualTo(MemberStatus.ALIVE);
        assertThat(node.counters().probesSent).isGreaterThanOrEqualTo(19);
        assertThat(node.counters().suspicionsRaised).isZero();
    }

    @Test
    void shouldAskOtherMembersToProbeIndirectlyWhenTheAckIsLate()
    {
        start(local());
        introducePeers(5);
        stepTo(1_500 * MS);
        assertThat(node.counters().indirectProbesSent).as("k = indirectProbes helpers asked").isEqualTo(3);
        long pingReqs = 0;
        for (final Wiretap.Sent s : tap.sent)
        {
            if (s.body.equals("probe") && s.kind == ProbeKind.PING_REQ.value())
            {
                pingReqs++;
                assertThat(s.to).isNotEqualTo(s.target);
            }
        }
        assertThat(pingReqs).isEqualTo(3);
    }

    private void suspectMemberFiveAndCountConfirmations(final long... confirmers)
    {
        start(local().suspicionMult(4));
        introducePeers(10);
        autoAck = true;
        gossipUpdate(1, 5, 1, 0, SUSPECT);
        for (final long confirmer : confirmers)
        {
            gossipUpdate(confirmer, 5, 1, 0, SUSPECT);
        }
    }

    @Test
    void shouldShortenSuspicionWithIndependentConfirmations()
    {
        suspectMemberFiveAndCountConfirmations(2, 3);
        final long minNs = SwimMath.suspicionTimeoutNs(4, 11, config.probePeriodNs());
        final long startNs = nowNs;
        assertThat(statusOf(5)).isEqualTo(MemberStatus.SUSPECT);
        stepTo(startNs + minNs + 50 * MS);
        assertThat(statusOf(5)).as("two confirmations (k = 2) bring the timeout down to the minimum")
            .isEqualTo(MemberStatus.DEAD);
    }

    @Test
    void shouldNotCountARepeatedSuspecterAsAConfirmation()
    {
        suspectMemberFiveAndCountConfirmations(1, 2, 2);
        final long minNs = SwimMath.suspicionTimeoutNs(4, 11, config.probePeriodNs());
        final long maxNs = minNs * config.suspicionMaxTimeoutMult();
        final long startNs = nowNs;
        stepTo(startNs + minNs + 50 * MS);
        assertThat(statusOf(5)).as("one confirmation only").isEqualTo(MemberStatus.SUSPECT);
        final long oneConfirmationNs = SwimMath.suspicionTimeoutNs(1, 2, minNs, maxNs);
        stepTo(startNs + oneConfirmationNs - 50 * MS);
        assertThat(statusOf(5)).isEqualTo(MemberStatus.SUSPECT);
        stepTo(startNs + oneConfirmationNs + 50 * MS);
        assertThat(statusOf(5)).isEqualTo(MemberStatus.DEAD);
    }

    @Test
    void shouldRefuteSuspicionWithHigherIncarnation()
    {
        start(local());
        introducePeers(2);
        gossipUpdate(1, SELF, BOOT, 0, SUSPECT);
        assertThat(node.incarnation()).isEqualTo(1);
        assertThat(node.counters().refutations).isEqualTo(1);
        tap.clear();
        stepTo(2_000 * MS);
        assertThat(tap.sent).isNotEmpty();
        assertThat(tap.sent).allMatch(s -> s.senderIncarnation == 1);
        assertThat(tap.sent.get(0).carriesUpdateAbout(SELF, ALIVE)).as("refutation piggybacked").isTrue();
    }

    @Test
    void shouldIgnoreClaimsAboutAnEarlierBootOfItsAddress()
    {
        start(local());
        introducePeers(2);
        gossipUpdate(1, SELF, BOOT - 1, 5, MemberStatus.DEAD.ordinal());
        assertThat(node.incarnation()).isZero();
        assertThat(node.counters().refutations).isZero();
    }

    @Test
    void shouldPiggybackAnUpdateExactlyTransmitLimitTimes()
    {
        start(local().antiEntropyPeriodNs(0));
        introducePeers(10);
        autoAck = true;
        stepTo(10_000 * MS);
        tap.clear();
        gossipUpdate(1, 50, 1, 0, ALIVE);
        answerVerifications(0);
        stepTo(40_000 * MS);
        final int limit = SwimMath.retransmitLimit(config.retransmitMult(), node.liveMemberCount());
        final long carried = tap.sent.stream()
            .filter(s -> !s.body.equals("memberState") && s.carriesUpdateAbout(50, ALIVE)).count();
        assertThat(carried).isEqualTo(limit);
    }

    @Test
    void shouldPackRumorsWithinTheBudgetAndDeferTheRest()
    {
        start(local().packetBudgetBytes(512).maxEventPayloadBytes(100).strategy(StrategyKind.PUSH));
        introducePeers(1);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[100]);
        for (int i = 0; i < 20; i++)
        {
            node.broadcast(nowNs, nowNs, payload, 0, 100);
        }
        stepTo(1_000 * MS);
        final List<Wiretap.Sent> gossip = tap.sent.stream().filter(s -> s.body.equals("gossip")).toList();
        assertThat(gossip).isNotEmpty();
        int maxRumors = 0;
        for (final Wiretap.Sent s : tap.sent)
        {
            assertThat(s.length).isLessThanOrEqualTo(512);
            maxRumors = Math.max(maxRumors, s.rumors.size());
        }
        final int fits = (512 - new WirePublisher("hearsay", 1, 1, 512).gossipFixedBytes()) /
            WirePublisher.rumorBytes(100);
        assertThat(maxRumors).isEqualTo(fits);
        assertThat(node.counters().rumorsDeferred).isPositive();
    }

    @Test
    void shouldPageTheMemberTableWithinTheBudget()
    {
        start(local().packetBudgetBytes(512).maxEventPayloadBytes(100));
        node.addKnownMember(1, 0, 1, nowNs);
        final int before = tap.sent.size();
        for (int page = 0; page < 4; page++)
        {
            final WirePublisher peer = tap.peer(1, 1);
            peer.beginMemberState(0, 0, page, 4);
            peer.membersCount(15);
            for (int i = 1; i <= 15; i++)
            {
                peer.member(page * 15 + i, 1, 0, ALIVE);
            }
            deliver(peer, peer.finish());
        }
        assertThat(node.liveMemberCount()).as("members told of are verified before they count").isEqualTo(2);
        answerVerifications(before);
        assertThat(node.liveMemberCount()).isEqualTo(61);
        tap.clear();
        final WirePublisher joiner = tap.peer(500, 1);
        joiner.beginProbe(0, 0, ProbeKind.PING.value(), 77, SELF);
        joiner.updatesCount(0);
        joiner.rumorsCount(0);
        deliver(joiner, joiner.finish());
        deliver(joiner, joiner.join(0, 0, true));
        final List<Wiretap.Sent> verification = tap.to(500);
        assertThat(verification).as("a new sender gets one bare challenge, not our member table").hasSize(1)
            .allMatch(s -> s.body.equals("probe") && s.kind == ProbeKind.PING.value() && s.updates.isEmpty());
        tap.clear();
        joiner.beginProbe(0, 0, ProbeKind.ACK.value(), verification.get(0).sequence, 500);
        joiner.updatesCount(0);
        joiner.rumorsCount(0);
        deliver(joiner, joiner.finish());
        assertThat(tap.to(500).get(0).kind).as("its ping acked once admitted").isEqualTo(ProbeKind.ACK.value());
        assertThat(tap.to(500).get(0).sequence).isEqualTo(77);
        final List<Wiretap.Sent> pages = tap.to(500).subList(1, tap.to(500).size());
        assertThat(pages).isNotEmpty().allMatch(s -> s.body.equals("memberState") && s.length <= 512);
        assertThat(pages.stream().mapToInt(s -> s.updates.size()).sum()).isEqualTo(62);
        assertThat(pages.get(0).sequence).as("page count").isEqualTo(pages.size());
    }

    @Test
    void shouldRefuseAnOversizedEventNamingBothSizes()
    {
        start(local());
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[2000]);
        assertThatThrownBy(() -> node.broadcast(0, 0, payload, 0, 2000))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("2000")
            .hasMessageContaining(String.valueOf(config.maxEventPayloadBytes()));
        assertThatThrownBy(() -> node.sendData(0, 1, payload, 0, 2000, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("2000")
            .hasMessageContaining("1472");
    }

    @ParameterizedTest
    @EnumSource(value = StrategyKind.class, names = "DIRECT_ADDRESSING", mode = EnumSource.Mode.EXCLUDE) // its rumors ride on Direct calls (DirectAddressingStrategyTest)
    void shouldCallAPeerEachRoundAsTheStrategySays(final StrategyKind strategy)
    {
        start(local().strategy(strategy).piggybackRumors(false));
        introducePeers(1);
        final UnsafeBuffer payload = new UnsafeBuffer("x".getBytes());
        final long sequence = node.broadcast(nowNs, nowNs, payload, 0, 1);
        stepTo(config.gossipPeriodNs() + MS);
        final Wiretap.Sent call = tap.sent.stream()
            .filter(s -> s.body.equals("gossip") && s.kind != GossipKind.TREE_FORWARD.value()).findFirst().orElseThrow();
        final boolean pushes = strategy != StrategyKind.PULL;
        final boolean pulls = strategy != StrategyKind.PUSH;
        final int expectedKind = pushes && pulls ? GossipKind.PUSH_PULL.value() :
            pushes ? GossipKind.PUSH.value() : GossipKind.PULL_REQUEST.value();
        assertThat(call.kind).isEqualTo(expectedKind);
        assertThat(call.rumors).hasSize(pushes ? 1 : 0);
        assertThat(call.digest).hasSize(pulls ? 1 : 0);
        if (pushes)
        {
            assertThat(call.rumors.get(0)[1]).isEqualTo(sequence);
            assertThat(call.rumors.get(0)[2]).as("hops at the origin").isZero();
            assertThat(call.rumors.get(0)[3]).as("age of the first push, in thousandths of a round: within round 1")
                .isBetween(1L, 1000L);
        }
    }

    @ParameterizedTest
    @EnumSource(value = StrategyKind.class, names = "DIRECT_ADDRESSING", mode = EnumSource.Mode.EXCLUDE) // its rumors ride on Direct calls (DirectAddressingStrategyTest)
    void shouldAnswerAPullWithOnlyWhatTheCallerLacks(final StrategyKind strategy)
    {
        start(local().strategy(strategy).piggybackRumors(false));
        introducePeers(1);
        final UnsafeBuffer payload = new UnsafeBuffer("x".getBytes());
        final long first = node.broadcast(nowNs, nowNs, payload, 0, 1);
        final long second = node.broadcast(nowNs, nowNs, payload, 0, 1);
        tap.clear();
        final WirePublisher caller = tap.peer(1, 1);
        caller.beginGossip(0, 0, GossipKind.PULL_REQUEST.value(), 77);
        caller.updatesCount(0);
        caller.rumorsCount(0);
        caller.digestCount(1);
        caller.digest(SELF, first, 0);
        deliver(caller, caller.finish());
        final Wiretap.Sent reply = tap.to(1).get(0);
        assertThat(reply.kind).isEqualTo(GossipKind.PULL_REPLY.value());
        assertThat(reply.sequence).as("exchange id echoed").isEqualTo(77);
        assertThat(reply.rumors).hasSize(1);
        assertThat(reply.rumors.get(0)[1]).isEqualTo(second);
        assertThat(reply.digest).as("our state for what both know").hasSize(1);
        assertThat(reply.digest.get(0)[1]).isEqualTo(first);
    }

    @Test
    void shouldLearnAPushedRumorOnceAndCountDuplicates()
    {
        start(local());
        introducePeers(1);
        for (int i = 0; i < 3; i++)
        {
            final WirePublisher peer = tap.peer(1, 1);
            peer.beginGossip(0, 0, GossipKind.PUSH.value(), 0);
            peer.updatesCount(0);
            peer.rumorsCount(1);
            peer.rumor(1, 9, 123, 2, 3_250, 1, new UnsafeBuffer("hello".getBytes()), 0, 5);
            peer.digestCount(0);
            deliver(peer, peer.finish());
        }
        assertThat(node.knowsEvent(1, 9)).isTrue();
        assertThat(sink.learnedLog).containsExactly("1:9 round=4 hops=3 channel=PUSH");
        assertThat(node.counters().duplicateEvents).isEqualTo(2);
    }

    @Test
    void shouldTrackTheLargestNumberOfMessagesReceivedInOneRound()
    {
        start(local());
        introducePeers(1);
        stepTo(config.gossipPeriodNs() * 2);
        for (int i = 0; i < 5; i++)
        {
            gossipUpdate(1, 1, 1, 0, ALIVE);
        }
        stepTo(config.gossipPeriodNs() * 4);
        assertThat(node.counters().maxReceivedPerRound).isEqualTo(5);
    }
}
