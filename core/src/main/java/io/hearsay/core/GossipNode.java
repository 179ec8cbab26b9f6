package io.hearsay.core;

import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.core.direct.DirectAddressing;
import io.hearsay.core.dissemination.DisseminationRules;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.core.failure.FailureDetector;
import io.hearsay.core.membership.Awareness;
import io.hearsay.core.membership.MemberTable;
import io.hearsay.core.membership.MemberTablePeerSampler;
import io.hearsay.core.membership.Membership;
import io.hearsay.core.membership.Suspicions;
import io.hearsay.core.membership.SwimMath;
import io.hearsay.core.membership.UpdateQueue;
import io.hearsay.core.rumor.PeerSampler;
import io.hearsay.core.rumor.RumorMonger;
import io.hearsay.core.rumor.RumorStore;
import io.hearsay.core.rumor.TreeRouting;
import io.hearsay.core.timer.TimerHeap;
import io.hearsay.wire.WireAdapter;
import io.hearsay.wire.WireHandler;
import io.hearsay.wire.sbe.ProbeDecoder;
import io.hearsay.wire.sbe.GossipDecoder;
import io.hearsay.wire.sbe.JoinDecoder;
import io.hearsay.wire.sbe.AppDataDecoder;
import io.hearsay.wire.sbe.DirectDecoder;
import io.hearsay.wire.sbe.GossipKind;
import io.hearsay.wire.sbe.ProbeKind;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.util.random.RandomGenerator;

/**
 * One hearsay node's protocol state machine (SWIM membership + rumor dissemination), sans-IO: the {@link Node} the
 * NIO shell, the simulator and the tests drive (the contract is there). Time is a monotonic nanosecond count chosen by
 * the driver; deadlines compare overflow-safely.
 * <p>
 * This class is the conductor: it owns one {@link TimerHeap}, decodes datagrams with a {@link WireAdapter} and
 * hands each part to {@link Membership}, {@link FailureDetector} or {@link RumorMonger}.
 */
public final class GossipNode implements Node
{
    /** Builds the real protocol: the shell's default {@link Node.Factory}. */
    public static final Node.Factory FACTORY = GossipNode::new;

    private static final int TIMER_REQUEST = 3;

    private final NodeConfig config;
    private final LocalState self;
    private final CoreEventSink sink;
    private final NodeCounters counters = new NodeCounters();
    private final MemberTable members;
    private final UpdateQueue updates = new UpdateQueue();
    private final TimerHeap timers = new TimerHeap();
    private final RumorStore rumors;
    private final PacketComposer composer;
    private final Membership membership;
    private final FailureDetector failureDetector;
    private final RumorMonger monger;
    /** the direct-addressing structure (strategy direct-addressing), else null */
    private final DirectAddressing direct;
    private final WireAdapter adapter;
    private final Dispatcher dispatcher = new Dispatcher();
    private final Awareness awareness;
    private final Long2LongHashMap pendingRequests = new Long2LongHashMap(Long.MIN_VALUE);
    private final long[] scratchPeers = new long[64];
    private long nextGossipNs;
    private long nextAntiEntropyNs;
    private long nextCorrelationId;

    public GossipNode(
        final NodeConfig config,
        final long selfAddress,
        final long bootId,
        final Outbox outbox,
        final CoreEventSink sink,
        final RandomGenerator random,
        final long nowNs)
    {
        this(config, selfAddress, bootId, outbox, sink, random, nowNs, DisseminationRules.create(config.strategy()), null);
    }

    /**
     * @param rule    the dissemination rule (the other constructor uses {@code DisseminationRules.create(config.strategy())})
     * @param sampler where rumor peers are sampled; null samples this node's own member table uniformly
     */
    public GossipNode(
        final NodeConfig config,
        final long selfAddress,
        final long bootId,
        final Outbox outbox,
        final CoreEventSink sink,
        final RandomGenerator random,
        final long nowNs,
        final DisseminationRule rule,
        final PeerSampler sampler)
    {
        if (!config.isConcluded())
        {
            config.conclude();
        }
        this.config = config;
        this.self = new LocalState(selfAddress, bootId);
        this.sink = sink;
        this.members = new MemberTable(selfAddress, 16);
        this.rumors = new RumorStore(config.maxEventPayloadBytes(), 16, config.maxRetainedRumors());
        this.composer = new PacketComposer(config, self, members, updates, rumors, rule, outbox, counters);
        awareness = new Awareness(config.awarenessMaxMultiplier());
        this.membership = new Membership(
            config, self, members, updates, new Suspicions(config.suspicionMult()), awareness, timers, composer, sink,
            counters, random, nowNs);
        final PeerSampler memberSampler = new MemberTablePeerSampler(members);
        this.failureDetector = new FailureDetector(
            config, self, members, membership, awareness, composer, timers, counters, random, memberSampler, nowNs);
        this.monger = new RumorMonger(
            config, self, rumors, rule, sampler != null ? sampler : memberSampler, composer, sink, counters, random,
            new TreeRouting(members, selfAddress));
        if (config.strategy() == StrategyKind.DIRECT_ADDRESSING)
        {
            direct = new DirectAddressing(config, self, members, sampler != null ? sampler : memberSampler, composer,
                counters, random, nowNs);
            monger.direct(direct);
        }
        else
        {
            direct = null;
        }
        this.adapter = new WireAdapter(config.clusterName(), Math.max(config.packetBudgetBytes(), 65_507), counters);
        this.nextGossipNs = nowNs + random.nextLong(config.gossipPeriodNs());
        this.nextAntiEntropyNs = config.antiEntropyPeriodNs() > 0 ?
            nowNs + config.antiEntropyPeriodNs() + random.nextLong(config.antiEntropyPeriodNs()) : Long.MAX_VALUE;
    }

    /** Contact the seeds (retried until one answers, and periodically later so healed partitions re-merge). */
    @Override
    public void join(final long[] seedAddresses, final long nowNs)
    {
        composer.nowNs(nowNs);
        membership.join(seedAddresses, nowNs);
    }

    /**
     * Pre-seed the member table: this node starts out knowing {@code address} as ALIVE with the given incarnation and
     * boot id, as if it had joined long ago (no gossip update is queued, no member change reported). For simulations
     * that skip cluster formation; ignored for this node itself and for a member already known.
     *
     * @return true if the member was added
     */
    @Override
    public boolean addKnownMember(final long address, final long incarnation, final long bootId, final long nowNs)
    {
        return membership.addKnownMember(nowNs, address, bootId, incarnation);
    }

    /**
     * Roster formation (a lab's cluster whose every address is known before it starts): this node starts out knowing
     * {@code address} as ALIVE but not yet heard from ({@link Membership#UNHEARD_BOOT_ID}). The first word from or
     * about it is taken silently, and an unheard member is never suspected, so N nodes form a cluster without the
     * N^2 join updates of seed joins, and a member that has not started yet is not declared dead.
     *
     * @return true if the member was added
     */
    @Override
    public boolean addRosterMember(final long address, final long nowNs)
    {
        return membership.addKnownMember(nowNs, address, Membership.UNHEARD_BOOT_ID, 0);
    }

    /** Size the member table for {@code memberCount} members at once (itself included), e.g. before pre-seeding. */
    @Override
    public void reserveMembers(final int memberCount)
    {
        members.ensureCapacity(memberCount);
    }

    /** Announce a graceful leave; the node then stops probing and gossiping once the announcement is out. */
    @Override
    public void leave(final long nowNs)
    {
        composer.nowNs(nowNs);
        membership.leave(nowNs, scratchPeers);
    }

    public boolean hasLeft()
    {
        return self.left;
    }

    /** @return work done (0 when the packet was dropped; the reason is counted in {@link #counters()}) */
    @Override
    public int onPacket(final long nowNs, final long fromAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        if (self.left)
        {
            return 0;
        }
        counters.messagesReceived++;
        counters.receivedThisRound++;
        counters.bytesReceived += length;
        dispatcher.nowNs = nowNs;
        dispatcher.sourceAddress = fromAddress;
        dispatcher.length = length;
        composer.nowNs(nowNs);
        dispatcher.bodyTemplate = -1;
        final int work = adapter.onPacket(buffer, offset, length, dispatcher);
        counters.countIn(dispatcher.bodyTemplate, length);
        monger.flushEager();
        monger.pace(nowNs);
        return work;
    }

    /** Timers: probes, gossip rounds, suspicion, re-joins. @return work done */
    @Override
    public int doWork(final long nowNs)
    {
        if (self.left)
        {
            return 0;
        }
        composer.nowNs(nowNs);
        int work = 0;
        while (timers.poll(nowNs))
        {
            work++;
            final long argument = timers.expiredArgument();
            switch (timers.expiredKind())
            {
                case Membership.TIMER_SUSPICION:
                    membership.onSuspicionTimer(nowNs, argument);
                    break;
                case FailureDetector.TIMER_RELAY:
                    failureDetector.onRelayTimer(argument);
                    break;
                case TIMER_REQUEST:
                    if (pendingRequests.remove(argument) != pendingRequests.missingValue())
                    {
                        counters.requestTimeouts++;
                        sink.onRequestTimeout(nowNs, self.address, argument);
                    }
                    break;
                default:
                    break;
            }
        }
        work += failureDetector.doWork(nowNs);
        if (nextGossipNs - nowNs <= 0)
        {
            self.round++;
            counters.gossipRounds++;
            counters.maxReceivedPerRound = Math.max(counters.maxReceivedPerRound, counters.receivedThisRound);
            counters.receivedThisRound = 0;
            monger.clusterSize(membership.liveCount());
            work += 1 + monger.onRound(nowNs, updates.size() > 0);
            nextGossipNs += config.gossipPeriodNs();
            if (nextGossipNs - nowNs <= 0)
            {
                nextGossipNs = nowNs + config.gossipPeriodNs();
            }
        }
        if (direct != null && direct.nextTickNs() - nowNs <= 0)
        {
            work += direct.onTick(nowNs, membership.liveCount());
        }
        work += membership.doWork(nowNs);
        if (nextAntiEntropyNs - nowNs <= 0)
        {
            nextAntiEntropyNs = nowNs + SwimMath.pushPullPeriodNs(config.antiEntropyPeriodNs(), membership.liveCount());
            final long peer = monger.antiEntropy();
            if (peer != PeerSampler.NO_PEER)
            {
                membership.syncWith(peer);
                work++;
            }
        }
        work += monger.flushEager();
        work += monger.pace(nowNs);
        return work;
    }

    /** When {@link #doWork} must next be called. */
    @Override
    public long nextDeadlineNs()
    {
        if (self.left)
        {
            return Long.MAX_VALUE;
        }
        long deadline = Math.min(nextGossipNs, failureDetector.nextDeadlineNs());
        deadline = Math.min(deadline, membership.nextDeadlineNs());
        deadline = Math.min(deadline, nextAntiEntropyNs);
        deadline = Math.min(deadline, monger.nextPaceDeadlineNs());
        if (direct != null)
        {
            deadline = Math.min(deadline, direct.nextTickNs());
        }
        return Math.min(deadline, timers.nextDeadlineNs());
    }

    /**
     * Create an application event here and start disseminating it.
     *
     * @return the event's sequence number at this origin
     * @throws IllegalArgumentException if the payload exceeds {@link NodeConfig#maxEventPayloadBytes()}, naming both sizes
     * @throws IllegalStateException    if this node already holds {@link NodeConfig#maxRetainedRumors()} rumors (counted
     *                                  as {@link Refusal#RUMOR_STORE_FULL})
     */
    @Override
    public long broadcast(final long nowNs, final long createdWallNs, final DirectBuffer payload, final int offset, final int length)
    {
        if (length > config.maxEventPayloadBytes())
        {
            throw new IllegalArgumentException("event payload of " + length +
                " bytes exceeds maxEventPayloadBytes = " + config.maxEventPayloadBytes() + " bytes");
        }
        composer.nowNs(nowNs);
        monger.clusterSize(membership.liveCount());
        if (direct != null)
        {
            direct.onBroadcast(nowNs, membership.liveCount());
        }
        final long sequence = monger.broadcast(nowNs, createdWallNs, payload, offset, length);
        monger.flushEager();
        monger.pace(nowNs);
        return sequence;
    }

    /**
     * Send application data to a member; with {@code timeoutNs > 0} a response is awaited and
     * {@link CoreEventSink#onRequestTimeout} fires if none comes. Rumors ride along.
     *
     * @return the correlation id
     * @throws IllegalArgumentException if the data does not fit one datagram, naming both sizes
     */
    @Override
    public long sendData(final long nowNs, final long toAddress, final DirectBuffer data, final int offset, final int length, final long timeoutNs)
    {
        checkDataLength(length);
        composer.nowNs(nowNs);
        final long correlationId = ++nextCorrelationId;
        if (timeoutNs > 0)
        {
            pendingRequests.put(correlationId, nowNs + timeoutNs);
            timers.schedule(nowNs + timeoutNs, TIMER_REQUEST, correlationId);
        }
        composer.sendAppData(toAddress, correlationId, false, data, offset, length);
        return correlationId;
    }

    /** Answer a request received through {@link CoreEventSink#onAppData}. */
    @Override
    public void respond(final long nowNs, final long toAddress, final long correlationId, final DirectBuffer data, final int offset, final int length)
    {
        checkDataLength(length);
        composer.nowNs(nowNs);
        composer.sendAppData(toAddress, correlationId, true, data, offset, length);
    }

    private void checkDataLength(final int length)
    {
        if (length > composer.maxAppDataBytes())
        {
            throw new IllegalArgumentException("application data of " + length + " bytes exceeds the " +
                composer.maxAppDataBytes() + " bytes that fit one datagram of packetBudgetBytes = " +
                config.packetBudgetBytes());
        }
    }

    @Override
    public long selfAddress()
    {
        return self.address;
    }

    public long bootId()
    {
        return self.bootId;
    }

    /** This node's gossip round counter (incremented at each of its gossip periods). */
    @Override
    public int round()
    {
        return self.round;
    }

    @Override
    public long incarnation()
    {
        return self.incarnation;
    }

    /** Lifeguard local health score: 0 when healthy, higher when this node misses acks and nacks. */
    @Override
    public int healthScore()
    {
        return awareness.score();
    }

    /** Number of members this node considers alive or suspect, itself included. */
    @Override
    public int liveMemberCount()
    {
        return membership.liveCount();
    }

    @Override
    public int memberTableSize()
    {
        return members.size();
    }

    /** Visit the member table without allocating. */
    @Override
    public void forEachMember(final MemberVisitor visitor)
    {
        for (int slot = 0, limit = members.slotLimit(); slot < limit; slot++)
        {
            if (members.inUse(slot))
            {
                visitor.onMember(
                    members.address(slot), MemberStatus.fromOrdinal(members.status(slot)),
                    members.incarnation(slot), members.bootId(slot));
            }
        }
    }

    /** The member table keeps its digest up to date: a copy, no walk of the table. */
    @Override
    public void copyViewDigest(final io.hearsay.core.membership.ViewDigest into)
    {
        into.copyFrom(members.viewDigest());
    }

    /** Status of a member in this node's table, or null when unknown. */
    public MemberStatus memberStatus(final long address)
    {
        final int slot = members.slotOf(address);
        return slot == MemberTable.NO_SLOT ? null : MemberStatus.fromOrdinal(members.status(slot));
    }

    /** Does this node know event (origin, sequence)? */
    @Override
    public boolean knowsEvent(final long origin, final long sequence)
    {
        return rumors.find(origin, sequence) != RumorStore.NO_SLOT;
    }

    /** Hops event (origin, sequence) took to reach this node (0 at its origin), or -1 when it is not known here. */
    public int hopsOf(final long origin, final long sequence)
    {
        final int slot = rumors.find(origin, sequence);
        return slot == RumorStore.NO_SLOT ? -1 : rumors.hops(slot);
    }

    /** Number of rumors this node currently holds. */
    public int eventsKnown()
    {
        return rumors.size();
    }

    @Override
    public NodeCounters counters()
    {
        return counters;
    }

    @Override
    public int maxEventPayloadBytes()
    {
        return config.maxEventPayloadBytes();
    }

    @Override
    public int maxDataBytes()
    {
        return config.packetBudgetBytes() - APP_DATA_OVERHEAD_BYTES;
    }

    public NodeConfig config()
    {
        return config;
    }

    /** the direct-addressing structure of this node (strategy direct-addressing), else null */
    public DirectAddressing direct()
    {
        return direct;
    }

    /** Routes the parts of one decoded datagram; holds the message being handled. */
    private final class Dispatcher implements WireHandler
    {
        long nowNs;
        long sourceAddress;
        int length;
        long sender;
        long senderBootId;
        long senderIncarnation;
        /** the sender is a member: apply what it says; otherwise only its probes are answered, bare */
        boolean member;
        /** a member whose envelope is far ahead: only its ack to our challenge counts */
        boolean ahead;
        int template;
        /** the body's template id of the datagram being decoded, -1 until known (counted by kind) */
        int bodyTemplate;
        int kind;
        long sequence;
        long target;
        boolean fullState;
        Channel channel;
        int directKind;
        int directOp;
        long directPlanNodes;
        int directRound;
        long directLeader;
        long directRoot;
        int directGroupSize;
        long directTarget;
        int directDecision;
        int directFlags;

        public boolean onEnvelope(final long senderAddress, final long senderBootId, final long senderIncarnation, final int senderRound)
        {
            sender = senderAddress;
            this.senderBootId = senderBootId;
            this.senderIncarnation = senderIncarnation;
            composer.nextDigestEpoch();
            final int verdict = membership.onEnvelope(nowNs, senderAddress, senderBootId, senderIncarnation, sourceAddress);
            member = verdict == Membership.SENDER_MEMBER;
            ahead = verdict == Membership.SENDER_AHEAD;
            return verdict != Membership.SENDER_IGNORED;
        }

        public void onProbe(final int kind, final long sequence, final long targetAddress)
        {
            bodyTemplate = ProbeDecoder.TEMPLATE_ID;
            template = ProbeDecoder.TEMPLATE_ID;
            this.kind = kind;
            this.sequence = sequence;
            this.target = targetAddress;
            channel = Channel.PIGGYBACK;
        }

        public void onGossip(final int kind, final long exchangeId)
        {
            bodyTemplate = GossipDecoder.TEMPLATE_ID;
            template = GossipDecoder.TEMPLATE_ID;
            this.kind = kind;
            this.sequence = exchangeId;
            channel = RumorMonger.channelOf(kind);
            monger.onGossipStart(kind, exchangeId);
        }

        public void onJoin(final boolean requestFullState)
        {
            bodyTemplate = JoinDecoder.TEMPLATE_ID;
            template = JoinDecoder.TEMPLATE_ID;
            fullState = requestFullState;
        }

        public void onMemberState(final int page, final int pageCount)
        {
            bodyTemplate = io.hearsay.wire.sbe.MemberStateDecoder.TEMPLATE_ID;
            template = 0;
        }

        public void onAppData(final long correlationId, final boolean isResponse)
        {
            bodyTemplate = AppDataDecoder.TEMPLATE_ID;
            template = AppDataDecoder.TEMPLATE_ID;
            this.sequence = correlationId;
            this.fullState = isResponse;
            channel = Channel.PIGGYBACK;
        }

        public void onDirect(
            final int kind, final int op, final long planNodes, final int structureRound, final long callId,
            final long leader, final long root, final int groupSize, final long target, final int decision,
            final int flags)
        {
            bodyTemplate = DirectDecoder.TEMPLATE_ID;
            template = DirectDecoder.TEMPLATE_ID;
            directKind = kind;
            directOp = op;
            directPlanNodes = planNodes;
            directRound = structureRound;
            this.sequence = callId;
            directLeader = leader;
            directRoot = root;
            directGroupSize = groupSize;
            directTarget = target;
            directDecision = decision;
            directFlags = flags;
            final boolean answer = kind == DirectAddressing.ANSWER;
            this.kind = answer ? GossipKind.PULL_REPLY.value() : GossipKind.PUSH_PULL.value();
            channel = answer ? Channel.PULL : Channel.PUSH;
        }

        public void onUpdate(final long address, final long bootId, final long incarnation, final int status, final long fromAddress)
        {
            if (!member)
            {
                return;
            }
            membership.onUpdate(nowNs, address, bootId, incarnation, status, fromAddress);
        }

        public void onRumor(
            final long origin, final long sequence, final long createdWallNs, final int hops, final int ageMilliRounds,
            final int strategyState, final DirectBuffer buffer, final int payloadOffset, final int payloadLength)
        {
            if (!member)
            {
                return;
            }
            monger.clusterSize(membership.liveCount());
            monger.onRumor(nowNs, sender, channel, origin, sequence, createdWallNs, hops, ageMilliRounds, strategyState,
                buffer, payloadOffset, payloadLength);
        }

        public void onDigest(final long origin, final long sequence, final int strategyState)
        {
            if (!member)
            {
                return;
            }
            monger.onDigest(kind, origin, sequence, strategyState);
        }

        public void onAppDataBody(final DirectBuffer buffer, final int offset, final int length)
        {
            if (!member)
            {
                return;
            }
            final boolean isResponse = fullState;
            if (isResponse && pendingRequests.remove(sequence) == pendingRequests.missingValue())
            {
                return;
            }
            sink.onAppData(nowNs, self.address, sender, sequence, isResponse, buffer, offset, length);
        }

        public void onMessageEnd()
        {
            if (ahead)
            {
                if (template == ProbeDecoder.TEMPLATE_ID && kind == ProbeKind.ACK.value())
                {
                    membership.onChallengeAck(nowNs, sender, senderBootId, senderIncarnation, sequence);
                }
                else if (template == ProbeDecoder.TEMPLATE_ID && kind == ProbeKind.PING.value() && target == self.address)
                {
                    composer.sendBareProbe(sender, ProbeKind.ACK.value(), sequence, self.address);
                }
                template = 0;
                return;
            }
            if (!member)
            {
                onUnverifiedMessageEnd();
                template = 0;
                return;
            }
            switch (template)
            {
                case ProbeDecoder.TEMPLATE_ID:
                    failureDetector.onProbe(nowNs, sender, kind, sequence, target);
                    break;
                case GossipDecoder.TEMPLATE_ID:
                    monger.onGossipEnd(sender, kind, sequence);
                    break;
                case DirectDecoder.TEMPLATE_ID:
                    if (direct != null)
                    {
                        direct.onMessage(nowNs, sender, directKind, directOp, directPlanNodes, directRound, sequence,
                            directLeader, directRoot, directGroupSize, directTarget, directDecision, directFlags);
                    }
                    break;
                case JoinDecoder.TEMPLATE_ID:
                    if (fullState)
                    {
                        composer.sendMemberState(sender);
                    }
                    break;
                default:
                    break;
            }
            template = 0;
        }

        /** a sender not in the table: its ack may complete a verification; otherwise see onUnverifiedMessage */
        private void onUnverifiedMessageEnd()
        {
            final boolean probe = template == ProbeDecoder.TEMPLATE_ID;
            if (probe && kind == ProbeKind.ACK.value() &&
                membership.onVerificationAck(nowNs, sender, senderBootId, senderIncarnation, sequence))
            {
                return;
            }
            final boolean pingToUs = probe && kind == ProbeKind.PING.value() && target == self.address;
            membership.onUnverifiedMessage(nowNs, sender, pingToUs ? sequence : 0,
                template == JoinDecoder.TEMPLATE_ID && fullState, length);
        }
    }
}
