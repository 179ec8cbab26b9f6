package io.hearsay.core.rumor;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.EventLearned;
import io.hearsay.core.LocalState;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.PacketComposer;
import io.hearsay.core.Refusal;
import io.hearsay.core.TimingMode;
import io.hearsay.core.direct.DirectAddressing;
import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.wire.sbe.GossipKind;
import org.agrona.DirectBuffer;

import java.util.random.RandomGenerator;

/**
 * Spreads rumors by the configured {@link DisseminationRule}. Each gossip round: every known rumor's state word
 * takes {@code onRoundEnd}, expired rumors go, then {@code fanout} peers from the {@link PeerSampler} are called
 * with a PUSH, PULL_REQUEST or PUSH_PULL (pushed rumors with their states; a digest of known rumors with states).
 * A callee learns what was pushed, counts contacts for rumors both know, and answers a pull with a PULL_REPLY
 * holding what the caller lacks plus its states for what the caller named (UNKNOWN for what it just learned), so
 * both partners of an exchange report it with {@code onContact}, a partner that lacked the rumor as UNKNOWN.
 * <p>
 * EAGER timing is latency-paced: while a node holds a fresh rumor ({@link PacketComposer#pacedFresh}: young, carried
 * in fewer than a cap of exchanges, and fewer partners knew it than the loss-of-interest count) it keeps
 * {@code fanout} exchange lanes busy: each lane sends a PUSH_PULL of the fresh rumors to a random peer and starts the
 * next as soon as the PULL_REPLY comes back or {@code eagerExchangeTimeoutNs} passes, not at the next gossip tick;
 * at most {@code eagerExchangesPerSecond} start per second. The first exchanges start the moment the rumor is learned
 * (zero added latency, as the former one-shot forward). With {@code eagerFreshNs = 0} a newly learned rumor is only
 * forwarded once, at once, to {@code fanout} peers (PUSH). The tree strategies forward a newly learned (or created) rumor at once
 * to this node's {@code fanout} children in the rumor's tree ({@link TreeRouting}; star: the origin to all), as a
 * Gossip TREE_FORWARD, and spread it by push-pull with one peer per round as the fallback. Optional anti-entropy exchanges digests with one peer per period.
 * <p>
 * Expiry: a rumor held longer than {@code rumorRetentionNs} (or older than that many rounds) becomes a tombstone,
 * kept by id for another retention period so that a copy still circulating is counted as a duplicate, never
 * learned again; a rumor arriving older than the retention in rounds, or one of this node's own, is refused.
 * <p>
 * Logical round: every transfer carries the rumor's age in thousandths of a gossip period (the origin starts at 0,
 * each holder adds the time it held the rumor by its own monotonic clock), so the age counts gossip rounds since
 * creation along the causal path without synchronised clocks; a node reports {@code max(1, ceil(age))} as the
 * round it learned in (the origin reports 0).
 */
public final class RumorMonger
{
    private static final int PUSH = GossipKind.PUSH.value();
    private static final int PULL_REQUEST = GossipKind.PULL_REQUEST.value();
    private static final int PUSH_PULL = GossipKind.PUSH_PULL.value();
    private static final int PULL_REPLY = GossipKind.PULL_REPLY.value();
    private static final int ANTI_ENTROPY = GossipKind.ANTI_ENTROPY.value();
    private static final int ANTI_ENTROPY_REPLY = GossipKind.ANTI_ENTROPY_REPLY.value();

    private final NodeConfig config;
    private final LocalState self;
    private final RumorStore rumors;
    private final DisseminationRule rule;
    private final PeerSampler sampler;
    private final PacketComposer composer;
    private final CoreEventSink sink;
    private final EventLearned learned = new EventLearned();
    private final NodeCounters counters;
    private final RandomGenerator random;
    private final long[] peers;
    private final boolean eager;
    private final TreeRouting tree;
    private final int treeFanout;
    private final long retentionRounds;
    private DirectAddressing direct;
    private long eagerFrom;
    private long nextSequence;
    private long nextExchangeId;
    private int eagerPending;
    private int clusterSize = 1;
    private final boolean paced;
    /** per lane: the exchange id awaiting its answer (0: the lane is free) and when it is given up */
    private final long[] laneExchangeIds;
    private final long[] laneDeadlinesNs;
    /** no rumor is paced-fresh after this (the latest learn time + eagerFreshNs): no scan needed beyond it */
    private long pacedFreshUntilNs;
    /** no rumor learned yet: {@link #pacedFreshUntilNs} means nothing (time may start anywhere) */
    private boolean anyLearned;
    private long paceWindowStartNs;
    private int pacedInWindow;
    /** the lane whose PULL_REPLY is being decoded, -1 for any other message */
    private int replyLane = -1;

    public RumorMonger(
        final NodeConfig config, final LocalState self, final RumorStore rumors, final DisseminationRule rule,
        final PeerSampler sampler, final PacketComposer composer, final CoreEventSink sink, final NodeCounters counters,
        final RandomGenerator random)
    {
        this(config, self, rumors, rule, sampler, composer, sink, counters, random, null);
    }

    /** @param tree the tree strategies' routing (required when {@code rule.kind().isTree()}, else ignored) */
    public RumorMonger(
        final NodeConfig config, final LocalState self, final RumorStore rumors, final DisseminationRule rule,
        final PeerSampler sampler, final PacketComposer composer, final CoreEventSink sink, final NodeCounters counters,
        final RandomGenerator random, final TreeRouting tree)
    {
        this.config = config;
        this.self = self;
        this.rumors = rumors;
        this.rule = rule;
        this.sampler = sampler;
        this.composer = composer;
        this.sink = sink;
        this.counters = counters;
        this.random = random;
        this.tree = rule.kind().isTree() ? tree : null;
        if (rule.kind().isTree() && tree == null)
        {
            throw new IllegalArgumentException("strategy " + rule.kind() + " needs a TreeRouting");
        }
        this.treeFanout = rule.kind() == StrategyKind.STAR ? Integer.MAX_VALUE : config.fanout();
        this.peers = new long[this.tree != null ? 1 : config.fanout()];
        final boolean eagerTiming = this.tree == null && config.timing() == TimingMode.EAGER &&
            rule.kind() != StrategyKind.DIRECT_ADDRESSING;
        this.paced = eagerTiming && config.eagerFreshNs() > 0;
        this.eager = eagerTiming && !paced;
        this.laneExchangeIds = new long[paced ? config.fanout() : 0];
        this.laneDeadlinesNs = new long[paced ? config.fanout() : 0];
        this.retentionRounds = Math.max(1, config.rumorRetentionNs() / config.gossipPeriodNs());
        this.nextSequence = EventSequences.baseOf(self.bootId);
    }

    /**
     * Direct addressing: rumors ride on the structure's calls (no random gossip calls here), and a rumor learned
     * is handed to {@link DirectAddressing#onLearned} to be forwarded along the kept structure.
     */
    public void direct(final DirectAddressing direct)
    {
        this.direct = direct;
    }

    public void clusterSize(final int size)
    {
        clusterSize = size;
    }

    /**
     * @throws IllegalStateException when the rumor store is full ({@link Refusal#RUMOR_STORE_FULL}, counted); the
     *                               sequence is not used; or when this boot has created
     *                               {@link EventSequences#MAX_EVENTS_PER_BOOT} events
     */
    public long broadcast(
        final long nowNs, final long createdWallNs, final DirectBuffer payload, final int offset, final int length)
    {
        if (EventSequences.numberInBoot(nextSequence) == EventSequences.MAX_EVENTS_PER_BOOT)
        {
            throw new IllegalStateException("event numbers of this boot used up: " +
                EventSequences.MAX_EVENTS_PER_BOOT + " events created; restart the node for a new boot");
        }
        final long sequence = nextSequence + 1;
        final int slot = rumors.add(
            self.address, sequence, createdWallNs, 0, 0, rule.originState(clusterSize), nowNs, payload, offset, length);
        if (slot == RumorStore.NO_SLOT)
        {
            counters.refuse(Refusal.RUMOR_STORE_FULL);
            throw new IllegalStateException("rumor store full: this node holds " + rumors.size() +
                " rumors (maxRetainedRumors = " + rumors.maxRumors() + "); older ones expire after the retention");
        }
        nextSequence = sequence;
        counters.eventsLearned++;
        onFresh(nowNs);
        sink.onEventLearned(learned.set(
            nowNs, self.address, self.address, sequence, createdWallNs, 0, 0, self.address, Channel.ORIGIN,
            payload, offset, length));
        if (eager || tree != null || direct != null)
        {
            rumors.eagerPending(slot, true);
            eagerPending++;
            eagerFrom = self.address;
        }
        return sequence;
    }

    /** Channel on which rumors of a Gossip message of this kind are learned. */
    public static Channel channelOf(final int gossipKind)
    {
        if (gossipKind == PULL_REPLY)
        {
            return Channel.PULL;
        }
        if (gossipKind == ANTI_ENTROPY || gossipKind == ANTI_ENTROPY_REPLY)
        {
            return Channel.ANTI_ENTROPY;
        }
        return Channel.PUSH;
    }

    private static boolean isExchange(final Channel channel)
    {
        return channel == Channel.PUSH || channel == Channel.PULL;
    }

    public void onRumor(
        final long nowNs, final long from, final Channel channel, final long origin, final long sequence,
        final long createdWallNs, final int hops, final int ageMilliRounds, final int senderState,
        final DirectBuffer buffer, final int payloadOffset, final int payloadLength)
    {
        final int epoch = composer.digestEpoch();
        int slot = rumors.find(origin, sequence);
        if (slot != RumorStore.NO_SLOT)
        {
            rumors.countDuplicate(slot);
            counters.duplicateEvents++;
            if (isExchange(channel) && rumors.mark(slot) != epoch && !rumors.expired(slot))
            {
                rumors.state(slot, rule.onContact(rumors.state(slot), senderState));
            }
            if (rumors.mark(slot) != epoch + 1)
            {
                rumors.mark(slot, epoch);
            }
            return;
        }
        if (origin == self.address || ageMilliRounds / 1000 > retentionRounds)
        {
            counters.rumorsRefusedExpired++;
            return;
        }
        if (payloadLength > config.maxEventPayloadBytes())
        {
            counters.updatesRefusedTooBig++;
            return;
        }
        final int state = rule.learnedState(senderState, clusterSize);
        slot = rumors.add(
            origin, sequence, createdWallNs, hops + 1, ageMilliRounds, state, nowNs, buffer, payloadOffset, payloadLength);
        if (slot == RumorStore.NO_SLOT)
        {
            counters.refuse(Refusal.RUMOR_STORE_FULL);
            return;
        }
        final int round = Math.max(1, (ageMilliRounds + 999) / 1000);
        rumors.mark(slot, epoch + 1);
        onFresh(nowNs);
        counters.eventsLearned++;
        sink.onEventLearned(learned.set(
            nowNs, self.address, origin, sequence, createdWallNs, round, hops + 1, from, channel,
            buffer, payloadOffset, payloadLength));
        if (eager || tree != null || direct != null)
        {
            rumors.eagerPending(slot, true);
            eagerPending++;
            eagerFrom = from;
        }
    }

    public void onDigest(final int gossipKind, final long origin, final long sequence, final int senderState)
    {
        final int slot = rumors.find(origin, sequence);
        if (replyLane >= 0 && slot != RumorStore.NO_SLOT && senderState != DisseminationRule.UNKNOWN)
        {
            rumors.countPacedPartnerKnew(slot);
        }
        final int epoch = composer.digestEpoch();
        if (slot == RumorStore.NO_SLOT || rumors.expired(slot) || rumors.mark(slot) == epoch ||
            rumors.mark(slot) == epoch + 1)
        {
            return;
        }
        rumors.mark(slot, epoch);
        if (gossipKind == PULL_REQUEST || gossipKind == PUSH_PULL || gossipKind == PULL_REPLY)
        {
            rumors.state(slot, rule.onContact(rumors.state(slot), senderState));
        }
    }

    /** A Gossip message begins (before its rumors and digest): is it the answer to one of our paced exchanges? */
    public void onGossipStart(final int gossipKind, final long exchangeId)
    {
        replyLane = -1;
        if (gossipKind == PULL_REPLY && exchangeId != 0)
        {
            for (int lane = 0; lane < laneExchangeIds.length; lane++)
            {
                if (laneExchangeIds[lane] == exchangeId)
                {
                    replyLane = lane;
                    break;
                }
            }
        }
    }

    /** A Gossip message ended: answer a pull or an anti-entropy request. */
    public void onGossipEnd(final long from, final int gossipKind, final long exchangeId)
    {
        if (replyLane >= 0)
        {
            laneExchangeIds[replyLane] = 0;
            counters.pacedAnswered++;
            replyLane = -1;
        }
        if (direct != null && gossipKind == PULL_REQUEST)
        {
            // direct addressing's membership exchange: the reply carries updates, never rumors
            composer.sendGossip(from, PULL_REPLY, exchangeId, PacketComposer.RUMORS_NONE, PacketComposer.DIGEST_NONE, true);
        }
        else if (gossipKind == PULL_REQUEST || gossipKind == PUSH_PULL)
        {
            if (composer.sendGossip(
                from, PULL_REPLY, exchangeId, PacketComposer.RUMORS_PULL_REPLY, PacketComposer.DIGEST_MARKED, false))
            {
                for (int i = 0, count = composer.lastRumorCount(); i < count; i++)
                {
                    final int slot = composer.lastRumorSlot(i);
                    rumors.state(slot, rule.onContact(rumors.state(slot), DisseminationRule.UNKNOWN));
                }
            }
        }
        else if (gossipKind == ANTI_ENTROPY)
        {
            composer.sendGossip(
                from, ANTI_ENTROPY_REPLY, exchangeId, PacketComposer.RUMORS_MISSING, PacketComposer.DIGEST_NONE, false);
        }
    }

    /**
     * One gossip round of this node (the caller has advanced {@link LocalState#round}).
     *
     * @param updatesPending membership updates wait to be piggybacked: call peers even with no rumor to send
     */
    public int onRound(final long nowNs, final boolean updatesPending)
    {
        boolean anyPush = false;
        boolean anyPull = rule.pulls(DisseminationRule.UNKNOWN);
        for (int slot = 0, limit = rumors.slotLimit(); slot < limit; slot++)
        {
            if (!rumors.inUse(slot))
            {
                continue;
            }
            final long heldNs = nowNs - rumors.learnedNs(slot);
            if (rumors.expired(slot))
            {
                if (heldNs > 2 * config.rumorRetentionNs())
                {
                    rumors.remove(slot);
                }
                continue;
            }
            if (heldNs > config.rumorRetentionNs() ||
                rumors.ageMilliRounds(slot, nowNs, config.gossipPeriodNs()) / 1000 > retentionRounds)
            {
                rumors.expire(slot);
                counters.rumorsExpired++;
                continue;
            }
            final int state = rule.onRoundEnd(rumors.state(slot), clusterSize);
            rumors.state(slot, state);
            anyPush |= rule.pushes(state);
            anyPull |= rule.pulls(state);
        }

        if (direct != null)
        {
            // the structure's calls carry the rumors (DirectAddressing); the membership exchange (updates both ways,
            // as push-pull's rounds carry them) goes on here, without rumors
            final int count = sampler.sampleDistinct(random, peers.length, PeerSampler.NO_PEER, peers);
            for (int i = 0; i < count; i++)
            {
                composer.sendGossip(peers[i], PULL_REQUEST, ++nextExchangeId, PacketComposer.RUMORS_NONE,
                    PacketComposer.DIGEST_NONE, true);
            }
            return count;
        }
        final int count = sampler.sampleDistinct(random, peers.length, PeerSampler.NO_PEER, peers);
        int sent = 0;
        for (int i = 0; i < count; i++)
        {
            if (anyPull)
            {
                composer.sendGossip(peers[i], anyPush ? PUSH_PULL : PULL_REQUEST, ++nextExchangeId,
                    anyPush ? PacketComposer.RUMORS_PUSH : PacketComposer.RUMORS_NONE, PacketComposer.DIGEST_ALL, true);
                sent++;
            }
            else if (anyPush || updatesPending)
            {
                if (composer.sendGossip(peers[i], PUSH, 0, PacketComposer.RUMORS_PUSH, PacketComposer.DIGEST_NONE,
                    updatesPending))
                {
                    sent++;
                }
            }
        }
        return sent;
    }

    /**
     * Eager timing: forward rumors learned since the last call to {@code fanout} peers at once; the tree strategies:
     * each to its children in the rumor's tree.
     */
    public int flushEager()
    {
        if (eagerPending == 0)
        {
            return 0;
        }
        if (tree != null)
        {
            return flushTree();
        }
        if (direct != null)
        {
            return flushDirect();
        }
        final int count = sampler.sampleDistinct(random, peers.length, PeerSampler.NO_PEER, peers);
        for (int i = 0; i < count; i++)
        {
            composer.sendGossip(peers[i], PUSH, 0, PacketComposer.RUMORS_EAGER, PacketComposer.DIGEST_NONE, false);
        }
        for (int slot = 0, limit = rumors.slotLimit(); slot < limit; slot++)
        {
            rumors.eagerPending(slot, false);
        }
        eagerPending = 0;
        return count;
    }

    private void onFresh(final long nowNs)
    {
        if (paced)
        {
            pacedFreshUntilNs = nowNs + config.eagerFreshNs();
            anyLearned = true;
        }
    }

    /**
     * Latency-paced eager: every free lane (its previous exchange answered, or given up at its deadline) starts the
     * next exchange of the fresh rumors with a random peer, within the per-second bound. Called after each datagram,
     * each {@code doWork} and each broadcast.
     *
     * @return exchanges started
     */
    public int pace(final long nowNs)
    {
        if (!paced)
        {
            return 0;
        }
        int started = 0;
        for (int lane = 0; lane < laneExchangeIds.length; lane++)
        {
            if (laneExchangeIds[lane] != 0)
            {
                if (laneDeadlinesNs[lane] - nowNs > 0)
                {
                    continue;
                }
                laneExchangeIds[lane] = 0;
                counters.pacedTimeouts++;
            }
            if (!anyLearned || pacedFreshUntilNs - nowNs <= 0 || !anyPacedFresh())
            {
                break;
            }
            if (nowNs - paceWindowStartNs >= 1_000_000_000L)
            {
                paceWindowStartNs = nowNs;
                pacedInWindow = 0;
            }
            if (pacedInWindow >= config.eagerExchangesPerSecond())
            {
                break;
            }
            final long peer = sampler.samplePeer(random);
            if (peer == PeerSampler.NO_PEER)
            {
                break;
            }
            final long exchangeId = ++nextExchangeId;
            composer.sendGossip(peer, PUSH_PULL, exchangeId, PacketComposer.RUMORS_PACED, PacketComposer.DIGEST_ALL, true);
            for (int i = 0, count = composer.lastRumorCount(); i < count; i++)
            {
                rumors.countPacedExchange(composer.lastRumorSlot(i));
            }
            laneExchangeIds[lane] = exchangeId;
            laneDeadlinesNs[lane] = nowNs + config.eagerExchangeTimeoutNs();
            pacedInWindow++;
            counters.pacedExchanges++;
            started++;
        }
        return started;
    }

    /** When {@link #pace} must run again without a datagram: a lane's deadline, or the per-second window's end. */
    public long nextPaceDeadlineNs()
    {
        long deadline = Long.MAX_VALUE;
        boolean freeLane = false;
        for (int lane = 0; lane < laneExchangeIds.length; lane++)
        {
            if (laneExchangeIds[lane] != 0)
            {
                deadline = Math.min(deadline, laneDeadlinesNs[lane]);
            }
            else
            {
                freeLane = true;
            }
        }
        final long windowEndNs = paceWindowStartNs + 1_000_000_000L;
        if (freeLane && anyLearned && pacedInWindow >= config.eagerExchangesPerSecond() &&
            pacedFreshUntilNs - windowEndNs > 0)
        {
            deadline = Math.min(deadline, windowEndNs);
        }
        return deadline;
    }

    private boolean anyPacedFresh()
    {
        for (int slot = 0, limit = rumors.slotLimit(); slot < limit; slot++)
        {
            if (rumors.inUse(slot) && !rumors.expired(slot) && rule.pushes(rumors.state(slot)) &&
                composer.pacedFresh(slot))
            {
                return true;
            }
        }
        return false;
    }

    private int flushDirect()
    {
        int sent = 0;
        for (int slot = 0, limit = rumors.slotLimit(); slot < limit; slot++)
        {
            if (rumors.inUse(slot) && rumors.eagerPending(slot))
            {
                rumors.eagerPending(slot, false);
                sent += direct.onLearned(slot, eagerFrom);
            }
        }
        eagerPending = 0;
        return sent;
    }

    private int flushTree()
    {
        int sent = 0;
        for (int slot = 0, limit = rumors.slotLimit(); slot < limit; slot++)
        {
            if (!rumors.inUse(slot) || !rumors.eagerPending(slot))
            {
                continue;
            }
            rumors.eagerPending(slot, false);
            final int rank = tree.rankOf(rumors.origin(slot));
            if (rank == TreeRouting.NOT_IN_VIEW)
            {
                continue;
            }
            final long first = TreeRouting.firstChildRank(rank, treeFanout);
            final long last = Math.min(first + treeFanout - 1, tree.size() - 1);
            for (long child = first; child <= last; child++)
            {
                if (composer.sendTreeForward(tree.addressAtRank(child), slot))
                {
                    counters.treeForwardsSent++;
                    sent++;
                }
            }
        }
        eagerPending = 0;
        return sent;
    }

    /**
     * Anti-entropy: send the digest of everything known to one peer; it answers with what is missing.
     *
     * @return the peer, or {@link PeerSampler#NO_PEER}
     */
    public long antiEntropy()
    {
        final long peer = sampler.samplePeer(random);
        if (peer != PeerSampler.NO_PEER)
        {
            composer.sendGossip(peer, ANTI_ENTROPY, ++nextExchangeId, PacketComposer.RUMORS_NONE,
                PacketComposer.DIGEST_ALL, true);
        }
        return peer;
    }
}
