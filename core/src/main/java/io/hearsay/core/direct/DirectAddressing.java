package io.hearsay.core.direct;

import io.hearsay.core.LocalState;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.PacketComposer;
import io.hearsay.core.Refusal;
import io.hearsay.core.direct.DirectSchedule.Decision;
import io.hearsay.core.direct.DirectSchedule.RoundKind;
import io.hearsay.core.membership.MemberTable;
import io.hearsay.core.rumor.PeerSampler;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Direct addressing as one node's state machine (the {@code direct-addressing} strategy of the sans-IO core): the
 * node follows {@link DirectSchedule} round by round as leader, member or unclustered node, and the rumor rides on
 * the structure's own calls and answers from round 0 (every call pushes the rumors the node spreads and names what
 * it knows; every answer carries what the caller lacks). It is the per-node form of the simulator's array model
 * ({@code sim.direct.DirectAddressingSimulation}); a round's action is the same there and here.
 * <p>
 * <b>Departures from the paper's synchronous model</b>, each the smallest we found:
 * <ol>
 *     <li><b>Rounds are each node's own tick</b> (one gossip period). Every structure message carries the sender's
 *     structure round; a node that receives a larger one (within {@link #MAX_ROUND_JUMP}) enters that round at once,
 *     performs its call and restarts its tick from there, so ticks lock onto the earliest node's phase within a
 *     few rounds, and nodes stay within one tick of each other. A call is answered at once from the callee's state
 *     (not the state at the round's start). Once in delivery a node counts its own ticks and adopts no round
 *     (adopting there let rounds race ahead of the ticks, several per period).</li>
 *     <li><b>Start</b>: the synchronous model starts everybody at round 1. Here a node starts the plan when its live
 *     member count was the same at two consecutive ticks (N of the plan = that count), or when a structure message
 *     reaches it first (it adopts the sender's N and round; a node that starts during growth draws the leader coin,
 *     one that starts later is unclustered).</li>
 *     <li><b>Leader-side aggregates are keyed by round</b>: a leader counts the COUNT reports of round R and decides
 *     once, at its own DECIDE tick or at the first DECIDE call of round R+1, whichever comes first; a report that
 *     arrives later is not counted (that member is left out of a split and re-joins by recruitment).</li>
 *     <li><b>Lost datagrams and late answers</b>: an answer whose call id is not the pending one is ignored (its
 *     rumors are still taken). A call to one's leader (or root) left unanswered {@link #MISSES_TO_ORPHAN} times in a
 *     row gives it up (a busy reply proves it alive); so does the membership declaring it dead. An orphaned member
 *     is unclustered: it pulls a random node each round (push-pull for its rumors) and joins that node's leader.</li>
 *     <li><b>The structure is kept</b> after the final merge: members call their leader, leaders their root, each
 *     round (a pull that repairs losses and detects a dead leader); a root calls a random node and goes under its
 *     root or leader when that id is larger (ids only grow along the pointers: no cycles). A rumor learned in
 *     delivery is forwarded at once down and up the structure (member &rarr; leader &rarr; root &rarr; leaders
 *     &rarr; members), so a later event costs a constant number of hops.</li>
 *     <li><b>Busy</b>: with {@code maxAnswers} = B &gt; 0 a node answers at most B calls per structure round; the
 *     rest get a bare BUSY reply (the caller's action fails this round, as in the array model). A busy callee still
 *     learns the rumors the call pushed (they arrived).</li>
 * </ol>
 * <b>Bounds</b> (hostile input): a plan N outside [2, maxMembers], a round beyond {@link #ROUND_LIMIT} or a jump
 * of more than {@link #MAX_ROUND_JUMP} inside the structure, a group size above N, a decision that is no
 * {@link Decision}, a leader, root or target that is not a member of this node's table: the message's structure
 * part is refused and counted ({@link Refusal#DIRECT_CLAIM}); its rumors and updates are still checked as usual.
 * Allocation: the arrays of reports and followers grow to the largest group seen (at most N), nothing per message.
 */
public final class DirectAddressing
{
    /** "no node" on the wire (addresses are never 0: the UDP shell's carry an IPv4 address, the simulator's start at 1) */
    public static final long NONE = 0;
    /** calls to one's leader (or root) left unanswered in a row after which it is given up */
    public static final int MISSES_TO_ORPHAN = 3;
    /** rounds a node may skip ahead on another's word inside the structure */
    public static final int MAX_ROUND_JUMP = 8;
    /** no structure round beyond this is taken from the wire */
    public static final int ROUND_LIMIT = 1 << 30;
    /**
     * a follower (member, or leader under this root) not heard for this many gossip periods is not forwarded to (time,
     * not structure rounds: in delivery a node's round is its own tick count)
     */
    public static final int FOLLOWER_ROUNDS = MISSES_TO_ORPHAN + 2;

    /** message kinds ({@code DirectKind}) */
    public static final int CALL = 0;
    public static final int ANSWER = 1;
    public static final int BUSY = 2;
    public static final int FORWARD = 3;

    /** call ops ({@code DirectOp}) */
    public static final int OP_GROWTH = 0;
    public static final int OP_COUNT = 1;
    public static final int OP_DECIDE = 2;
    public static final int OP_SAMPLE = 3;
    public static final int OP_FINAL_SAMPLE = 4;
    public static final int OP_FINAL_REPORT = 5;
    public static final int OP_DELIVERY = 6;
    public static final int OP_RECRUIT = 7;
    public static final int OP_ROOT_SEEK = 8;

    /** flags bit: the sender's group was confirmed full-size in the final trim */
    public static final int FLAG_CONFIRMED = 1;

    private static final Decision[] DECISIONS = Decision.values();
    private static final int NO_DECISION = 0;
    /**
     * the structure is built again when the live count reached this many times the plan's N (and was stable): a plan
     * started while a join was under way (a partial view) built its groups among members that did not yet know each
     * other; waiting for a doubling left a 256-node cluster on a plan of 129 with one group of all 256 (loopback)
     */
    public static final double REBUILD_GROWTH = 1.25;
    /** ticks with an unchanged live member count before a node starts the plan on its own */
    public static final int STABLE_TICKS = 2;

    private final NodeConfig config;
    private final LocalState self;
    private final MemberTable members;
    private final PeerSampler sampler;
    private final PacketComposer composer;
    private final NodeCounters counters;
    private final RandomGenerator random;
    private final long periodNs;
    private final int maxAnswers;

    private DirectSchedule schedule;
    private long planNodes;
    private int structureRounds;
    private int round;
    private long nextTickNs;
    private int lastLiveCount = -1;
    private int stableTicks;
    private int answeredThisRound;
    private long restarts;

    private long leader = NONE;
    private long root = NONE;
    private int groupSize;
    private boolean confirmed;
    private long hit = NONE;
    private int hitPhase = Integer.MIN_VALUE;

    private long callId;
    private long callee = NONE;
    private int callOp;
    private int callPhase;
    private boolean callAnswered = true;
    private int missedLeader;
    private int missedRoot;

    // leader side: the reports of round countRound, the decision of round decidedRound, the final merge's best id
    private long[] reported = new long[16];
    private int reportedCount;
    private int countRound = -1;
    private long countHit = NONE;
    private int hitsSeen;
    private int decidedRound = -1;
    private Decision decision = Decision.STAY;
    private long decisionTarget = NONE;
    private int decisionSize;
    private long decisionLower;
    private boolean decisionBeforeFinal;
    private int finalRound = -1;
    private long finalBest = NONE;

    // followers (members calling this leader, leaders calling this root): address -> index; the round last heard
    private final Long2LongHashMap followerIndex = new Long2LongHashMap(-1);
    private long[] followers = new long[16];
    private long[] followerHeardNs = new long[16];
    /** the time of the latest tick, message or broadcast (follower freshness is judged against it) */
    private long nowNs;
    private int followerCount;

    public DirectAddressing(
        final NodeConfig config, final LocalState self, final MemberTable members, final PeerSampler sampler,
        final PacketComposer composer, final NodeCounters counters, final RandomGenerator random, final long nowNs)
    {
        this.config = config;
        this.self = self;
        this.members = members;
        this.sampler = sampler;
        this.composer = composer;
        this.counters = counters;
        this.random = random;
        this.periodNs = config.gossipPeriodNs();
        this.maxAnswers = config.maxAnswers();
        this.nextTickNs = nowNs + random.nextLong(periodNs);
    }

    // ------------------------------------------------------------------ ticks

    public long nextTickNs()
    {
        return nextTickNs;
    }

    /** one structure round of this node (its own tick); @return work done */
    public int onTick(final long nowNs, final int liveCount)
    {
        this.nowNs = nowNs;
        nextTickNs += periodNs;
        if (nextTickNs - nowNs <= 0)
        {
            nextTickNs = nowNs + periodNs;
        }
        final boolean waiting = round == 0 || structureBuilt() && grown(liveCount, planNodes);
        stableTicks = waiting && liveCount >= 2 && liveCount == lastLiveCount ? stableTicks + 1 : 0;
        lastLiveCount = liveCount;
        if (waiting && stableTicks >= STABLE_TICKS)
        {
            if (round != 0)
            {
                restarts++;
                closePendingCall();
            }
            start(liveCount, 1);
        }
        else if (round == 0)
        {
            return 0;
        }
        else
        {
            closePendingCall();
            enterRound(round + 1);
        }
        act();
        return 1;
    }

    /**
     * This node creates an event: if it has not started the plan yet (its view not yet stable), it starts now, so the
     * event rides on the structure from its first round.
     */
    public void onBroadcast(final long nowNs, final int liveCount)
    {
        this.nowNs = nowNs;
        if (round == 0 && liveCount >= 2)
        {
            start(liveCount, 1);
            nextTickNs = nowNs + periodNs;
            act();
        }
    }

    private void start(final long nodes, final int startRound)
    {
        planNodes = nodes;
        schedule = DirectSchedule.of(nodes);
        structureRounds = schedule.structureRounds();
        round = startRound;
        // every node that enters during growth draws the leader coin (the synchronous model draws it for all at
        // round 1): a node reached by the start wave a round or two late may lead too, or the wave leaves no leaders
        leader = startRound <= schedule.growthRounds() && random.nextDouble() < schedule.leaderProbability() ? self.address : NONE;
        root = NONE;
        groupSize = leader == self.address ? 1 : 0;
        confirmed = false;
        hit = NONE;
        hitPhase = Integer.MIN_VALUE;
        answeredThisRound = 0;
        countRound = -1;
        decidedRound = -1;
        finalRound = -1;
        reportedCount = 0;
        missedLeader = 0;
        missedRoot = 0;
        stableTicks = 0;
    }

    private void enterRound(final int newRound)
    {
        round = newRound;
        answeredThisRound = 0;
        if (round > structureRounds)
        {
            dropStaleFollowers();
        }
    }

    /** the previous call went unanswered: count a miss against the leader or root it went to */
    private void closePendingCall()
    {
        if (callAnswered || callee == NONE)
        {
            callAnswered = true;
            return;
        }
        callAnswered = true;
        if (callee == leader && leader != self.address)
        {
            if (++missedLeader >= MISSES_TO_ORPHAN)
            {
                orphan();
            }
        }
        else if (callee == root && leader == self.address)
        {
            if (++missedRoot >= MISSES_TO_ORPHAN)
            {
                missedRoot = 0;
                root = NONE;
                counters.directOrphaned++;
            }
        }
    }

    private void orphan()
    {
        missedLeader = 0;
        leader = NONE;
        root = NONE;
        groupSize = 0;
        counters.directOrphaned++;
    }

    private boolean isLive(final long address)
    {
        if (address == self.address)
        {
            return true;
        }
        final int slot = members.slotOf(address);
        return slot != MemberTable.NO_SLOT && members.status(slot) <= io.hearsay.core.MemberStatus.SUSPECT.ordinal();
    }

    /** this round's call, by what the round is for */
    private void act()
    {
        if (leader != NONE && leader != self.address && !isLive(leader))
        {
            orphan();
        }
        if (root != NONE && !isLive(root))
        {
            root = NONE;
            counters.directOrphaned++;
        }
        final RoundKind kind = round > structureRounds ? RoundKind.DELIVERY : schedule.kindOf(round);
        final int phase = round > structureRounds ? schedule.mergePhases() : schedule.phaseOf(round);
        if (leader == NONE)
        {
            callRandom(OP_RECRUIT, phase, NONE);
            return;
        }
        final boolean leads = leader == self.address;
        switch (kind)
        {
            case GROWTH:
                callRandom(OP_GROWTH, phase, NONE);
                break;
            case COUNT:
                if (leads)
                {
                    ensureCount(round);
                }
                else
                {
                    callLeader(OP_COUNT, phase, merging(phase) && hitPhase == phase ? hit : NONE);
                }
                break;
            case DECIDE:
                if (leads)
                {
                    ensureDecided(round);
                }
                else
                {
                    callLeader(OP_DECIDE, phase, NONE);
                }
                break;
            case SAMPLE:
                if (hitPhase != phase)
                {
                    hitPhase = phase;
                    hit = NONE;
                }
                if (!active(leader, phase))
                {
                    callRandom(OP_SAMPLE, phase, NONE);
                }
                break;
            case FINAL_SAMPLE:
                if (hitPhase != phase)
                {
                    hitPhase = phase;
                    hit = NONE;
                }
                callRandom(OP_FINAL_SAMPLE, phase, NONE);
                break;
            case FINAL_REPORT:
                if (leads)
                {
                    ensureFinal(round);
                }
                else
                {
                    callLeader(OP_FINAL_REPORT, phase, hitPhase == phase ? hit : NONE);
                }
                break;
            default:
                if (!leads)
                {
                    callLeader(OP_DELIVERY, phase, NONE);
                }
                else if (root != NONE)
                {
                    call(root, OP_DELIVERY, phase, NONE);
                }
                else
                {
                    callRandom(OP_ROOT_SEEK, phase, NONE);
                }
                break;
        }
    }

    /** calls of these ops go to a random peer (and their answers come from one): membership updates ride on them */
    private static boolean toRandomPeer(final int op)
    {
        return op == OP_GROWTH || op == OP_RECRUIT || op == OP_SAMPLE || op == OP_FINAL_SAMPLE || op == OP_ROOT_SEEK;
    }

    /** has the cluster grown from {@code planned} to {@code nodes} enough to build the structure again? */
    private static boolean grown(final long nodes, final long planned)
    {
        return nodes >= REBUILD_GROWTH * planned;
    }

    private boolean merging(final int phase)
    {
        return phase >= 0 && phase < schedule.mergePhases();
    }

    /** is the group led by {@code leaderId} active in merge phase {@code phase}? A draw from the id: all agree */
    public boolean active(final long leaderId, final int phase)
    {
        if (!merging(phase))
        {
            return true;
        }
        long h = leaderId * 0x9E3779B97F4A7C15L ^ (phase + 1) * 0xC2B2AE3D27D4EB4FL ^ planNodes;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53 < schedule.activity(phase);
    }

    private void callRandom(final int op, final int phase, final long target)
    {
        final long peer = sampler.samplePeer(random);
        if (peer != PeerSampler.NO_PEER)
        {
            call(peer, op, phase, target);
        }
    }

    private void callLeader(final int op, final int phase, final long target)
    {
        call(leader, op, phase, target);
    }

    private void call(final long to, final int op, final int phase, final long target)
    {
        callee = to;
        callOp = op;
        callPhase = phase;
        callAnswered = false;
        counters.directCalls++;
        composer.sendDirect(to, CALL, op, planNodes, round, ++callId, leader, root, groupSize, target, NO_DECISION,
            confirmed ? FLAG_CONFIRMED : 0, PacketComposer.RUMORS_PUSH, -1, PacketComposer.DIGEST_ALL, false,
            toRandomPeer(op));
    }

    // ------------------------------------------------------------------ messages

    /**
     * A structure message from member {@code from} (called at the message's end, after its rumors and digest were
     * taken, so an answer carries what the caller lacks).
     *
     * @return work done (0 when refused)
     */
    public int onMessage(
        final long nowNs, final long from, final int kind, final int op, final long senderPlanNodes,
        final int senderRound, final long messageCallId, final long senderLeader, final long senderRoot,
        final int senderGroupSize, final long target, final int wireDecision, final int flags)
    {
        this.nowNs = nowNs;
        if (!plausible(senderPlanNodes, senderRound, senderLeader, senderRoot, senderGroupSize, target, wireDecision))
        {
            counters.refuse(Refusal.DIRECT_CLAIM);
            return 0;
        }
        if ((kind == ANSWER || kind == BUSY) && messageCallId == callId && from == callee && !callAnswered)
        {
            onAnswer(kind, from, senderLeader, senderRoot, senderGroupSize, target, wireDecision, flags);
        }
        boolean entered = false;
        if (round == 0)
        {
            start(senderPlanNodes, senderRound);
            entered = true;
        }
        else if (grown(senderPlanNodes, planNodes))
        {
            restarts++; // the cluster grew since this node's plan: the sender started the plan of the larger N
            closePendingCall();
            start(senderPlanNodes, senderRound);
            entered = true;
        }
        else if (2 * senderPlanNodes > planNodes && senderRound > round && round <= structureRounds)
        {
            // a node still building the structure follows the round of a node ahead of it; in delivery each node
            // counts its own ticks (adopting there made rounds race ahead of the ticks, many per period)
            if (senderRound <= structureRounds && senderRound - round > MAX_ROUND_JUMP)
            {
                counters.refuse(Refusal.DIRECT_CLAIM);
                return 0;
            }
            closePendingCall();
            enterRound(senderRound);
            entered = true;
        }
        if (kind == CALL)
        {
            onCall(from, op, senderRound, messageCallId, senderLeader, senderRoot, target);
        }
        else if (kind == FORWARD)
        {
            noteFollower(from, senderLeader, senderRoot);
        }
        if (entered && round <= structureRounds + 1)
        {
            nextTickNs = nowNs + periodNs;
            act();
        }
        return 1;
    }

    private boolean plausible(
        final long senderPlanNodes, final int senderRound, final long senderLeader, final long senderRoot,
        final int senderGroupSize, final long target, final int wireDecision)
    {
        return senderPlanNodes >= 2 && senderPlanNodes <= config.maxMembers() &&
            senderRound >= 1 && senderRound <= ROUND_LIMIT &&
            senderGroupSize >= 0 && senderGroupSize <= senderPlanNodes &&
            wireDecision >= 0 && wireDecision <= DECISIONS.length &&
            isKnown(senderLeader) && isKnown(senderRoot) && isKnown(target);
    }

    private boolean isKnown(final long address)
    {
        return address == NONE || address == self.address || members.slotOf(address) != MemberTable.NO_SLOT;
    }

    private void onCall(
        final long from, final int op, final int senderRound, final long messageCallId, final long senderLeader,
        final long senderRoot, final long target)
    {
        noteFollower(from, senderLeader, senderRoot);
        if (maxAnswers > 0 && answeredThisRound >= maxAnswers)
        {
            counters.directBusyReplies++;
            composer.sendDirect(from, BUSY, op, planNodes, round, messageCallId, leader, root, groupSize, NONE,
                NO_DECISION, 0, PacketComposer.RUMORS_NONE, -1, PacketComposer.DIGEST_NONE, true, false);
            return;
        }
        answeredThisRound++;
        if (answeredThisRound > counters.directMaxAnsweredPerRound)
        {
            counters.directMaxAnsweredPerRound = answeredThisRound;
        }
        final boolean current = senderRound >= round - 1;
        int decisionOut = NO_DECISION;
        long targetOut = NONE;
        switch (op)
        {
            case OP_GROWTH:
                if (current && leader == NONE && senderLeader != NONE && senderLeader != self.address)
                {
                    leader = senderLeader; // recruited by the caller's group
                }
                break;
            case OP_COUNT:
                if (current && leader == self.address)
                {
                    ensureCount(senderRound);
                    report(from, target);
                }
                break;
            case OP_DECIDE:
                if (current && (leader == self.address || decidedRound == senderRound))
                {
                    ensureDecided(senderRound);
                    if (decidedRound == senderRound)
                    {
                        final Decision d = decisionFor(from);
                        decisionOut = d.ordinal() + 1;
                        targetOut = d == Decision.MOVE ? decisionTarget : d == Decision.SPLIT ? splitTarget(from) : NONE;
                    }
                }
                break;
            case OP_FINAL_REPORT:
                if (current && leader == self.address)
                {
                    ensureFinal(senderRound);
                    onFinalReport(target);
                }
                break;
            default:
                break;
        }
        composer.sendDirect(from, ANSWER, op, planNodes, round, messageCallId, leader, root, groupSize, targetOut,
            decisionOut, confirmed ? FLAG_CONFIRMED : 0, PacketComposer.RUMORS_PULL_REPLY, -1,
            PacketComposer.DIGEST_MARKED, false, toRandomPeer(op));
    }

    private void onAnswer(
        final int kind, final long from, final long answerLeader, final long answerRoot, final int answerGroupSize,
        final long target, final int wireDecision, final int flags)
    {
        callAnswered = true;
        if (from == leader)
        {
            missedLeader = 0;
        }
        if (from == root)
        {
            missedRoot = 0;
        }
        if (kind == BUSY)
        {
            return;
        }
        switch (callOp)
        {
            case OP_RECRUIT:
                if (leader == NONE && answerLeader != NONE && answerLeader != self.address)
                {
                    leader = answerLeader;
                }
                break;
            case OP_SAMPLE:
                if (hit == NONE && answerLeader != NONE && answerLeader != leader && active(answerLeader, callPhase))
                {
                    hit = answerLeader; // the first hit: a uniformly random active group
                }
                break;
            case OP_FINAL_SAMPLE:
                if ((flags & FLAG_CONFIRMED) != 0 && answerLeader != NONE && answerLeader > hit)
                {
                    hit = answerLeader;
                }
                break;
            case OP_DECIDE:
                if (from == leader && wireDecision != NO_DECISION)
                {
                    applyDecision(DECISIONS[wireDecision - 1], target, flags);
                }
                else
                {
                    followLeader(from, answerLeader);
                }
                break;
            case OP_COUNT:
            case OP_FINAL_REPORT:
                followLeader(from, answerLeader);
                break;
            case OP_DELIVERY:
                if (from == leader && leader != self.address)
                {
                    if (followLeader(from, answerLeader))
                    {
                        groupSize = answerGroupSize;
                    }
                }
                else if (from == root && leader == self.address)
                {
                    if (answerLeader != from)
                    {
                        root = answerLeader > self.address ? answerLeader : NONE;
                    }
                    else if (answerRoot != NONE && answerRoot > root)
                    {
                        root = answerRoot;
                    }
                }
                break;
            case OP_ROOT_SEEK:
                if (leader == self.address && root == NONE)
                {
                    final long candidate = answerRoot != NONE ? answerRoot : answerLeader;
                    if (candidate != NONE && candidate > self.address)
                    {
                        root = candidate;
                    }
                }
                break;
            default:
                break;
        }
    }

    /**
     * Pointer jumping: the called leader is no longer a leader: follow it to where it went, or become unclustered
     * when it dissolved. @return true when it still leads
     */
    private boolean followLeader(final long from, final long answerLeader)
    {
        if (from != leader || answerLeader == from)
        {
            return true;
        }
        leader = answerLeader == self.address ? NONE : answerLeader;
        groupSize = 0;
        return false;
    }

    private void applyDecision(final Decision d, final long target, final int flags)
    {
        switch (d)
        {
            case MOVE:
                leader = target == self.address ? NONE : target;
                break;
            case DISSOLVE:
                leader = NONE;
                break;
            case SPLIT:
                leader = target;
                if (target == self.address)
                {
                    groupSize = 1;
                }
                break;
            default:
                confirmed = (flags & FLAG_CONFIRMED) != 0;
                break;
        }
    }

    // ------------------------------------------------------------------ leader side

    private void ensureCount(final int countRoundNow)
    {
        if (countRound == countRoundNow)
        {
            return;
        }
        countRound = countRoundNow;
        reportedCount = 0;
        final int phase = schedule.phaseOf(countRoundNow);
        countHit = merging(phase) && hitPhase == phase ? hit : NONE;
        hitsSeen = countHit != NONE ? 1 : 0;
    }

    private void report(final long member, final long memberHit)
    {
        if (member == self.address || reportedCount >= planNodes)
        {
            return;
        }
        for (int i = 0; i < reportedCount; i++)
        {
            if (reported[i] == member)
            {
                return; // a retransmitted report
            }
        }
        if (reportedCount == reported.length)
        {
            reported = Arrays.copyOf(reported, (int)Math.min(planNodes, 2L * reported.length));
        }
        reported[reportedCount++] = member;
        if (memberHit != NONE && merging(schedule.phaseOf(countRound)) && random.nextInt(++hitsSeen) == 0)
        {
            countHit = memberHit; // keeps a uniformly chosen hit among those reported
        }
    }

    private void ensureDecided(final int decideRound)
    {
        if (decidedRound == decideRound || leader != self.address)
        {
            return;
        }
        decidedRound = decideRound;
        final int phase = schedule.phaseOf(decideRound);
        final boolean merge = merging(phase);
        final boolean counted = countRound == decideRound - 1;
        if (!counted)
        {
            reportedCount = 0;
            countHit = merge && hitPhase == phase ? hit : NONE;
        }
        decisionSize = 1 + reportedCount;
        final int bounded = Math.max(0, phase);
        decisionLower = schedule.lowerBound(bounded);
        decisionBeforeFinal = phase == schedule.mergePhases();
        final boolean isActive = !merge || active(self.address, phase);
        decision = DirectSchedule.decide(isActive, countHit != NONE, decisionSize, merge ? 0 : decisionLower,
            schedule.splitAt(bounded));
        decisionTarget = countHit;
        Arrays.sort(reported, 0, reportedCount);
        switch (decision)
        {
            case MOVE:
                leader = decisionTarget;
                break;
            case DISSOLVE:
                leader = NONE;
                break;
            case SPLIT:
                groupSize = (int)DirectSchedule.chunkHead(1, decisionSize, decisionLower);
                break;
            default:
                groupSize = decisionSize;
                confirmed = decisionBeforeFinal;
                break;
        }
    }

    /** the decision for one member: a member that did not report is not in any chunk of a split */
    private Decision decisionFor(final long member)
    {
        if (decision == Decision.SPLIT && Arrays.binarySearch(reported, 0, reportedCount, member) < 0)
        {
            return Decision.DISSOLVE;
        }
        return decision;
    }

    /** the head of {@code member}'s chunk (rank 0 = the leader, then the reported members by id) */
    private long splitTarget(final long member)
    {
        final int index = Arrays.binarySearch(reported, 0, reportedCount, member);
        final long rank = index + 1L;
        final int chunk = DirectSchedule.chunkOf(rank, decisionSize, decisionLower);
        final long head = DirectSchedule.chunkHead(chunk, decisionSize, decisionLower);
        return head == 0 ? self.address : reported[(int)head - 1];
    }

    private void ensureFinal(final int reportRound)
    {
        if (finalRound == reportRound)
        {
            return;
        }
        finalRound = reportRound;
        finalBest = Math.max(self.address, hitPhase == schedule.mergePhases() ? hit : NONE);
        root = finalBest > self.address ? finalBest : NONE;
    }

    private void onFinalReport(final long reportedBest)
    {
        if (reportedBest > finalBest)
        {
            finalBest = reportedBest;
            root = finalBest;
        }
    }

    // ------------------------------------------------------------------ the kept structure

    /** a member calling this leader, or a leader calling this root: remember it for forwards */
    private void noteFollower(final long from, final long senderLeader, final long senderRoot)
    {
        final boolean member = senderLeader == self.address && leader == self.address;
        final boolean underRoot = senderLeader == from && senderRoot == self.address;
        if (!member && !underRoot)
        {
            return;
        }
        final long index = followerIndex.get(from);
        if (index >= 0)
        {
            followerHeardNs[(int)index] = nowNs;
            return;
        }
        if (followerCount >= planNodes)
        {
            return;
        }
        if (followerCount == followers.length)
        {
            final int capacity = (int)Math.min(planNodes, 2L * followers.length);
            followers = Arrays.copyOf(followers, capacity);
            followerHeardNs = Arrays.copyOf(followerHeardNs, capacity);
        }
        followers[followerCount] = from;
        followerHeardNs[followerCount] = nowNs;
        followerIndex.put(from, followerCount);
        followerCount++;
    }

    /** follower {@code i} was heard within {@link #FOLLOWER_ROUNDS} gossip periods */
    private boolean fresh(final int i)
    {
        return nowNs - followerHeardNs[i] <= FOLLOWER_ROUNDS * periodNs;
    }

    private void dropStaleFollowers()
    {
        for (int i = followerCount - 1; i >= 0; i--)
        {
            if (!fresh(i))
            {
                followerIndex.remove(followers[i]);
                final int last = --followerCount;
                if (i != last)
                {
                    followers[i] = followers[last];
                    followerHeardNs[i] = followerHeardNs[last];
                    followerIndex.put(followers[i], i);
                }
            }
        }
    }

    /**
     * A rumor (in {@code slot}) was just learned from {@code from} (this node itself for its own event): once the
     * structure is built, forward it at once up (to the leader, a leader to its root) and down (a leader to its
     * members, a root also to its leaders). During the build the rumor rides on the calls only.
     *
     * @return forwards sent
     */
    public int onLearned(final int slot, final long from)
    {
        if (round <= structureRounds || schedule == null)
        {
            return 0;
        }
        int sent = 0;
        if (leader != NONE && leader != self.address && leader != from)
        {
            sent += forward(leader, slot);
        }
        if (leader == self.address)
        {
            if (root != NONE && root != from)
            {
                sent += forward(root, slot);
            }
            for (int i = 0; i < followerCount; i++)
            {
                if (followers[i] != from && fresh(i))
                {
                    sent += forward(followers[i], slot);
                }
            }
        }
        return sent;
    }

    private int forward(final long to, final int slot)
    {
        counters.directForwardsSent++;
        composer.sendDirect(to, FORWARD, OP_DELIVERY, planNodes, round, 0, leader, root, groupSize, NONE, NO_DECISION,
            confirmed ? FLAG_CONFIRMED : 0, PacketComposer.RUMORS_TREE, slot, PacketComposer.DIGEST_NONE, false, false);
        return 1;
    }

    // ------------------------------------------------------------------ state, for tests and figures

    /** the structure round this node is in (0 = not started) */
    public int round()
    {
        return round;
    }

    public long leader()
    {
        return leader;
    }

    public long root()
    {
        return root;
    }

    public boolean isLeader()
    {
        return leader == self.address;
    }

    /** the group size as this node last counted (a leader) or was told (a member) */
    public int groupSize()
    {
        return groupSize;
    }

    /** plans started again because the cluster had grown by {@link #REBUILD_GROWTH} since the last one */
    public long restarts()
    {
        return restarts;
    }

    /** the plan being followed, or null before the start */
    public DirectSchedule schedule()
    {
        return schedule;
    }

    public long planNodes()
    {
        return planNodes;
    }

    /** is the structure built (the final merge over) at this node? */
    public boolean structureBuilt()
    {
        return schedule != null && round > structureRounds;
    }

    /** members and sub-leaders heard from in the last {@link #FOLLOWER_ROUNDS} gossip periods */
    public int freshFollowers()
    {
        int fresh = 0;
        for (int i = 0; i < followerCount; i++)
        {
            if (fresh(i))
            {
                fresh++;
            }
        }
        return fresh;
    }
}
