package io.hearsay.sim.direct;

import io.hearsay.core.Channel;
import io.hearsay.core.direct.DirectSchedule;
import io.hearsay.core.direct.DirectSchedule.Decision;
import io.hearsay.core.direct.DirectSchedule.RoundKind;
import io.hearsay.sim.engine.Milestones;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.run.PhaseRecord;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.Simulation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gossip with direct addressing in synchronous rounds, following {@link DirectSchedule} (after Haeupler &amp;
 * Malkhi, PODC 2014) round by round, as flat arrays. Model: in a round every node starts at most one call, to a
 * random other node or to a node whose id it has learned; the callee answers in the same call, reading the state
 * at the round's start; with {@code maxAnswers} = B &gt; 0 a node answers only the first B calls of a round (the
 * others get a short "busy" reply: the caller's action fails and it tries again in a later round). Every answered
 * call carries the rumor both ways (push-pull), <b>from round 0</b>, so the rumor rides on the structure's own calls.
 * <p>
 * Rounds: GROWTH (a clustered caller recruits an unclustered callee, an unclustered caller joins the callee's
 * leader); COUNT (members report their id and their first hit to the leader, which counts and ranks them by id and keeps a
 * uniformly chosen hit);
 * DECIDE (members ask the leader and apply {@link DirectSchedule#decide}: move to the hit active leader, dissolve,
 * stay, or follow the head of their chunk of a split); SAMPLE (members of inactive groups call a random node and
 * note its leader if active, a draw from the leader id); FINAL_SAMPLE (every member calls a random node and notes
 * its leader if the callee's leader confirmed it as a member of a full-size group in the final trim); FINAL_REPORT (members report the largest id they
 * saw, the leader places its group under the largest id above its own: groups keep their leaders, leaders get a
 * root). In every round an unclustered node pulls a random node and joins its leader (recruitment); a member whose
 * leader has moved follows it, one whose leader dissolved becomes unclustered (pointer jumping).
 * <p>
 * Delivery (after the structure): a member calls its leader, a leader under a root calls the root (and jumps to
 * the root's root), a root calls a random node and goes under its leader if that id is larger (strictly increasing
 * pointers: no cycles). The first event exists at round 0 at a random node; then a second event at a random node
 * measures the kept structure's steady-state cost (source &rarr; leader &rarr; root &rarr; leaders &rarr; members).
 * <p>
 * Repair (as the core's {@code DirectAddressing}): a call to one's leader (or root) left unanswered
 * {@link #MISSES_TO_ORPHAN} times in a row gives it up; a member becomes unclustered and pulls random nodes (push-pull
 * for the rumor) until recruited, a leader becomes a root and calls random nodes. A member that holds the rumor skips
 * the call to a leader that holds it too (nothing to exchange); a killed node holds nothing (its rumor bit is cleared),
 * so its members keep calling it, as the core's members call their leader every round, and detect it dead.
 */
public final class DirectAddressingSimulation implements Simulation
{
    private static final byte NONE = 0;
    private static final byte MOVE = 1;
    private static final byte DISSOLVE = 2;
    private static final byte SPLIT = 3;
    /** calls to its leader (or root) left unanswered in a row after which a node gives it up as dead */
    public static final int MISSES_TO_ORPHAN = 3;

    private final int nodes;
    private final long roundNs;
    private final int maxRounds;
    private final int maxAnswers;
    private final long lossThreshold;
    private final boolean killRoot;
    private final DirectSchedule schedule;

    private final int[] leader;
    private final int[] nextLeader;
    private final int[] up;
    private final int[] nextUp;
    private final int[] hit;
    private final int[] best;
    private final int[] count;
    private final int[] rank;
    private final int[] target;
    private final int[] inRound;
    private final byte[] decision;
    private final long[] confirmed;
    private final long[] dead;
    private final byte[] missed;
    private final long[] knowsNow;
    private final long[] knowsNext;
    private final byte[] hops;
    private final Milestones milestones = new Milestones();

    private SimRandom random;
    private RoundSink sink;
    private long activitySalt;
    private int round;
    private long informed;
    private long transmissions;
    private long roundCalls;
    private int roundMaxReceived;
    private int roundMaxAnswered;
    private boolean steady;
    private boolean lastSilent;
    private long live;
    private int largestRootSize;

    private long phaseCalls;
    private long phasePeak;
    private long phasePeakAnswered;
    private int phaseStartRound;
    private double previousLogSize = Double.NaN;
    private long maxReceivedStructure;
    private long maxReceivedDelivery;
    private long maxAnsweredAll;
    private long structureCalls;

    public DirectAddressingSimulation(final int nodes, final long roundNs, final int maxRounds)
    {
        this(nodes, roundNs, maxRounds, 0, 0, false);
    }

    /**
     * @param maxAnswers calls a node answers per round (0 = unbounded)
     * @param loss       probability that a call gets no answer (request or answer lost)
     * @param killRoot   kill the root of the largest tree in the second round of the second event (mid-dissemination
     *                   on the kept structure): its members and sub-leaders give it up after {@link #MISSES_TO_ORPHAN}
     *                   unanswered calls and fall back to pulling random nodes (recruitment, push-pull) until re-clustered
     */
    public DirectAddressingSimulation(
        final int nodes, final long roundNs, final int maxRounds, final int maxAnswers, final double loss, final boolean killRoot)
    {
        if (nodes < 2)
        {
            throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        }
        if (maxAnswers < 0)
        {
            throw new IllegalArgumentException("max-answers must be >= 0 (0 = unbounded), got " + maxAnswers);
        }
        this.nodes = nodes;
        this.roundNs = roundNs;
        this.maxRounds = maxRounds;
        this.maxAnswers = maxAnswers;
        this.lossThreshold = SimRandom.threshold(loss);
        this.killRoot = killRoot;
        schedule = DirectSchedule.of(nodes);
        leader = new int[nodes];
        nextLeader = new int[nodes];
        up = new int[nodes];
        nextUp = new int[nodes];
        hit = new int[nodes];
        best = new int[nodes];
        count = new int[nodes];
        rank = new int[nodes];
        target = new int[nodes];
        inRound = new int[nodes];
        decision = new byte[nodes];
        confirmed = new long[(nodes + 63) >>> 6];
        dead = new long[(nodes + 63) >>> 6];
        missed = new byte[nodes];
        knowsNow = new long[(nodes + 63) >>> 6];
        knowsNext = new long[(nodes + 63) >>> 6];
        hops = new byte[nodes];
    }

    /** heap bytes per simulated node */
    public static long bytesPerNode()
    {
        return 10 * 4 + 1 + 1 + 1 + 1;
    }

    public DirectSchedule schedule()
    {
        return schedule;
    }

    @Override
    public RunResult run(final long seed, final long sequence, final int sampleStride, final RoundSink sink)
    {
        this.sink = sink;
        random = new SimRandom(seed);
        activitySalt = random.nextLong();
        round = 0;
        transmissions = 0;
        maxReceivedStructure = 0;
        maxReceivedDelivery = 0;
        maxAnsweredAll = 0;
        previousLogSize = Double.NaN;
        steady = false;
        final int n = nodes;
        Arrays.fill(up, -1);
        Arrays.fill(hit, -1);
        Arrays.fill(rank, -1);
        Arrays.fill(confirmed, 0);
        Arrays.fill(dead, 0);
        Arrays.fill(missed, (byte)0);
        live = n;
        final int origin = startEvent(sampleStride);

        // leaders, then the planned rounds
        final long leaderThreshold = SimRandom.threshold(schedule.leaderProbability());
        boolean anyLeader = false;
        for (int i = 0; i < n; i++)
        {
            final boolean lead = random.chance(leaderThreshold);
            leader[i] = lead ? i : -1;
            anyLeader |= lead;
        }
        if (!anyLeader)
        {
            final int lead = random.nextInt(n);
            leader[lead] = lead;
        }
        beginPhase();
        final int structureRounds = schedule.structureRounds();
        String phaseName = "growth";
        long activeGroups = 0;
        for (int r = 1; r <= structureRounds; r++)
        {
            final RoundKind kind = schedule.kindOf(r);
            final int phase = schedule.phaseOf(r);
            beginRound();
            switch (kind)
            {
                case GROWTH:
                    growthRound(sampleStride);
                    break;
                case SAMPLE:
                    if (schedule.kindOf(r - 1) != RoundKind.SAMPLE)
                    {
                        Arrays.fill(hit, -1);
                    }
                    sampleRound(phase, sampleStride);
                    break;
                case COUNT:
                    countRound(phase >= 0 && phase < schedule.mergePhases() ? phase : -1, sampleStride);
                    break;
                case DECIDE:
                    activeGroups = decideRound(phase, sampleStride);
                    break;
                case FINAL_SAMPLE:
                    if (schedule.kindOf(r - 1) != RoundKind.FINAL_SAMPLE)
                    {
                        Arrays.fill(hit, -1);
                    }
                    finalSampleRound(sampleStride);
                    break;
                case FINAL_REPORT:
                    finalReportRound(sampleStride);
                    break;
                default:
                    throw new IllegalStateException("round " + r + " of the structure is " + kind);
            }
            endRound();
            final RoundKind nextKind = r < structureRounds ? schedule.kindOf(r + 1) : RoundKind.DELIVERY;
            if (kind == RoundKind.GROWTH && nextKind != RoundKind.GROWTH)
            {
                endPhase("growth", 0);
            }
            else if (kind == RoundKind.DECIDE)
            {
                phaseName = phase < 0 ? "normalise" : phase < schedule.mergePhases() ? "merge-" + phase : "final-trim";
                endPhase(phaseName, phase >= 0 && phase < schedule.mergePhases() ? activeGroups : 0);
            }
            else if (kind == RoundKind.FINAL_REPORT)
            {
                endPhase("final", 0);
            }
        }
        structureCalls = totalCallsSoFar;
        final long roots = roots();
        final long unclusteredAfterStructure = unclustered();
        final double giantFraction = giantFraction();

        // delivery of the first event (structure built on demand; the rumor rode on it from round 0)
        while (informed < n && round < maxRounds)
        {
            beginRound();
            deliveryRound(sampleStride);
            endRound();
        }
        endPhase("delivery", 0);
        final int rounds50 = milestones.rounds50();
        final int rounds99 = milestones.rounds99();
        final int rounds100 = milestones.rounds100();
        final int firstRounds = round;
        final long firstInformed = informed;
        final long firstTransmissions = transmissions;

        // a second event on the kept structure: its steady-state cost
        steady = true;
        final int steadyOrigin = random.nextInt(n);
        Arrays.fill(knowsNow, 0);
        setBit(knowsNow, steadyOrigin);
        informed = 1;
        final int steadyStart = round;
        while (informed < live && round < steadyStart + maxRounds)
        {
            if (killRoot && round == steadyStart + 1)
            {
                kill(largestRoot());
            }
            beginRound();
            deliveryRound(Integer.MAX_VALUE);
            endRound();
        }
        final int steadyRounds = informed == live ? round - steadyStart : -1;
        endPhase("steady", 0);

        final Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("structure_rounds", (double)structureRounds);
        figures.put("rumor_rounds", rounds100 < 0 ? Double.NaN : (double)Math.max(0, rounds100 - structureRounds));
        figures.put("merge_phases", (double)schedule.mergePhases());
        figures.put("groups_after_structure", (double)roots);
        figures.put("one_group", roots == 1 ? 1.0 : 0.0);
        figures.put("unclustered_after_structure", (double)unclusteredAfterStructure);
        figures.put("giant_cluster_fraction", giantFraction);
        figures.put("steady_rounds", steadyRounds < 0 ? Double.NaN : (double)steadyRounds);
        figures.put("max_received_per_round_structure", (double)maxReceivedStructure);
        figures.put("max_received_per_round_rumor", (double)maxReceivedDelivery);
        figures.put("max_answered_per_round", (double)maxAnsweredAll);
        figures.put("messages_per_node_structure", 2.0 * structureCalls / n);
        figures.put("max_answers", (double)maxAnswers);
        figures.put("steady_informed", (double)informed);
        figures.put("steady_alive", (double)live);

        final double msPerRound = roundNs / 1e6;
        final long peak = Math.max(maxReceivedStructure, maxReceivedDelivery);
        return new RunResult(
            seed, origin, sequence, n, n, firstInformed, firstRounds, rounds50, rounds99, rounds100,
            Milestones.timeMs(rounds50, msPerRound),
            Milestones.timeMs(rounds99, msPerRound),
            Milestones.timeMs(rounds100, msPerRound),
            2.0 * firstCalls / n, (double)firstTransmissions / n,
            firstRounds == 0 ? 0 : 2.0 * firstCalls / n / firstRounds,
            peak, peak, firstCalls, figures);
    }

    private long totalCallsSoFar;
    private long firstCalls;

    private int startEvent(final int sampleStride)
    {
        Arrays.fill(knowsNow, 0);
        Arrays.fill(hops, (byte)0);
        final int origin = random.nextInt(nodes);
        setBit(knowsNow, origin);
        informed = 1;
        totalCallsSoFar = 0;
        firstCalls = 0;
        milestones.reset(informed, nodes);
        sink.onLearned(0, origin, 0, 0, origin, Channel.ORIGIN);
        return origin;
    }

    // ---------------------------------------------------------------- rounds

    private void growthRound(final int stride)
    {
        final int n = nodes;
        final int start = random.nextInt(n);
        for (int t = 0; t < n; t++)
        {
            final int i = index(start, t);
            final int j = other(i);
            if (!call(i, j, stride))
            {
                continue;
            }
            final int li = leader[i];
            final int lj = leader[j];
            if (li >= 0)
            {
                if (lj < 0 && nextLeader[j] < 0)
                {
                    nextLeader[j] = li;
                }
            }
            else if (lj >= 0 && nextLeader[i] < 0)
            {
                nextLeader[i] = lj;
            }
        }
    }

    /** members of inactive groups sample a random node and keep the first active leader id they hear of */
    private void sampleRound(final int phase, final int stride)
    {
        final int n = nodes;
        final int start = random.nextInt(n);
        final long threshold = SimRandom.threshold(schedule.activity(phase));
        final long salt = SimRandom.mix(activitySalt + phase);
        for (int t = 0; t < n; t++)
        {
            final int i = index(start, t);
            final int li = leader[i];
            if (li < 0)
            {
                recruit(i, stride);
                continue;
            }
            if (active(li, salt, threshold))
            {
                continue;
            }
            final int j = other(i);
            if (call(i, j, stride))
            {
                final int lj = leader[j];
                if (lj >= 0 && hit[i] < 0 && active(lj, salt, threshold))
                {
                    hit[i] = lj; // the first hit: a uniformly random active group, so absorption stays balanced
                }
            }
        }
    }

    /** members report (id, hit) to their leader, which counts them and ranks them by id; phase -1: no hits */
    private void countRound(final int phase, final int stride)
    {
        final int n = nodes;
        for (int i = 0; i < n; i++)
        {
            if (leader[i] == i)
            {
                count[i] = 1;
                rank[i] = 0;
                best[i] = phase >= 0 ? hit[i] : -1;
                target[i] = best[i] >= 0 ? 1 : 0; // hits reported so far: the leader keeps a uniform one
            }
        }
        final int start = random.nextInt(n);
        for (int t = 0; t < n; t++)
        {
            final int i = index(start, t);
            final int li = leader[i];
            if (li < 0)
            {
                recruit(i, stride);
                continue;
            }
            if (li == i)
            {
                continue;
            }
            rank[i] = -1;
            if (callLeader(i, li, stride) && !followLeader(i, li))
            {
                rank[i] = -2; // reported: ranked below, in id order
                if (phase >= 0 && hit[i] >= 0 && random.nextInt(++target[li]) == 0)
                {
                    best[li] = hit[i];
                }
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (rank[i] == -2)
            {
                rank[i] = count[leader[i]]++;
            }
        }
    }

    /** members ask their leader and apply its decision; returns the number of active groups */
    private long decideRound(final int phase, final int stride)
    {
        final int n = nodes;
        final boolean merging = phase >= 0 && phase < schedule.mergePhases();
        final long lower = schedule.lowerBound(Math.max(0, phase));
        final long splitAt = schedule.splitAt(Math.max(0, phase));
        final boolean beforeFinal = phase == schedule.mergePhases();
        final long threshold = merging ? SimRandom.threshold(schedule.activity(phase)) : 0;
        final long salt = SimRandom.mix(activitySalt + phase);
        long activeGroups = 0;
        for (int i = 0; i < n; i++)
        {
            if (leader[i] != i)
            {
                continue;
            }
            final boolean active = !merging || active(i, salt, threshold);
            activeGroups += merging && active ? 1 : 0;
            final Decision d = DirectSchedule.decide(active, best[i] >= 0, count[i], merging ? 0 : lower, splitAt);
            switch (d)
            {
                case MOVE:
                    decision[i] = MOVE;
                    nextLeader[i] = best[i];
                    break;
                case DISSOLVE:
                    decision[i] = DISSOLVE;
                    nextLeader[i] = -1;
                    break;
                case SPLIT:
                    decision[i] = SPLIT;
                    target[i] = i;
                    break;
                default:
                    decision[i] = NONE;
                    break;
            }
            if (beforeFinal && d == Decision.STAY)
            {
                setBit(confirmed, i);
            }
        }
        // split: in id order (= rank order within a group) the head of each chunk is met before its members
        for (int i = 0; i < n; i++)
        {
            final int li = leader[i];
            if (li < 0 || li == i || leader[li] != li || decision[li] != SPLIT || rank[i] < 0)
            {
                continue;
            }
            final int chunk = DirectSchedule.chunkOf(rank[i], count[li], lower);
            if (rank[i] == DirectSchedule.chunkHead(chunk, count[li], lower) && chunk > 0)
            {
                target[li] = i;
            }
            hit[i] = chunk == 0 ? li : target[li];
        }
        final int start = random.nextInt(n);
        for (int t = 0; t < n; t++)
        {
            final int i = index(start, t);
            final int li = leader[i];
            if (li < 0)
            {
                recruit(i, stride);
                continue;
            }
            if (li == i || !callLeader(i, li, stride) || followLeader(i, li))
            {
                continue;
            }
            if (beforeFinal && decision[li] == NONE)
            {
                setBit(confirmed, i); // its leader told it: a full-size group
            }
            switch (decision[li])
            {
                case MOVE:
                    nextLeader[i] = best[li];
                    break;
                case DISSOLVE:
                    nextLeader[i] = -1;
                    break;
                case SPLIT:
                    nextLeader[i] = rank[i] >= 0 ? hit[i] : -1; // not counted, so in no chunk: re-join by recruitment
                    break;
                default:
                    break;
            }
        }
        return activeGroups;
    }

    /** every member calls a random node and keeps the largest leader id it hears of (all groups are full-size now) */
    private void finalSampleRound(final int stride)
    {
        final int n = nodes;
        final int start = random.nextInt(n);
        for (int t = 0; t < n; t++)
        {
            final int i = index(start, t);
            final int li = leader[i];
            if (li < 0)
            {
                recruit(i, stride);
                continue;
            }
            final int j = other(i);
            if (call(i, j, stride) && isSet(confirmed, j))
            {
                final int lj = leader[j];
                if (lj > hit[i])
                {
                    hit[i] = lj;
                }
            }
        }
    }

    /** members report the largest id they saw; a leader goes under the largest one above its own id */
    private void finalReportRound(final int stride)
    {
        final int n = nodes;
        for (int i = 0; i < n; i++)
        {
            if (leader[i] == i)
            {
                best[i] = Math.max(i, hit[i]);
            }
        }
        final int start = random.nextInt(n);
        for (int t = 0; t < n; t++)
        {
            final int i = index(start, t);
            final int li = leader[i];
            if (li < 0)
            {
                recruit(i, stride);
                continue;
            }
            if (li != i && callLeader(i, li, stride) && !followLeader(i, li) && hit[i] > best[li])
            {
                best[li] = hit[i];
            }
        }
        for (int i = 0; i < n; i++)
        {
            if (leader[i] == i)
            {
                nextUp[i] = best[i];
            }
        }
    }

    /** members call their leader, leaders their root, roots a random node; unclustered nodes are recruited */
    private void deliveryRound(final int stride)
    {
        final int n = nodes;
        final int start = random.nextInt(n);
        for (int t = 0; t < n; t++)
        {
            final int i = index(start, t);
            final int li = leader[i];
            if (li < 0)
            {
                recruit(i, stride);
            }
            else if (li != i)
            {
                if (isSet(knowsNow, i) && isSet(knowsNow, li) && leader[li] == li)
                {
                    continue; // both hold the rumor: nothing to exchange this round
                }
                if (callLeader(i, li, stride))
                {
                    followLeader(i, li);
                }
            }
            else
            {
                final int ui = up[i];
                if (ui >= 0 && ui != i)
                {
                    if (isSet(knowsNow, i) && isSet(knowsNow, ui) && leader[ui] == ui && (up[ui] == ui || up[ui] < 0))
                    {
                        continue;
                    }
                    final boolean answered = call(i, ui, stride);
                    if (gaveUp(i))
                    {
                        nextUp[i] = -1; // its root is gone: a root again, it pulls at random until it finds another
                    }
                    if (answered)
                    {
                        final int lu = leader[ui];
                        final int uu = up[ui];
                        if (lu != ui)
                        {
                            nextUp[i] = lu > i ? lu : -1; // not a leader (any more): follow it up, or become a root
                        }
                        else if (uu > ui)
                        {
                            nextUp[i] = uu;
                        }
                    }
                }
                else
                {
                    final int j = other(i);
                    if (call(i, j, stride))
                    {
                        final int lj = leader[j];
                        if (lj > i)
                        {
                            nextUp[i] = lj;
                        }
                    }
                }
            }
        }
    }

    /**
     * A member calls its leader; a leader that stays silent {@link #MISSES_TO_ORPHAN} times in a row (dead, or every
     * call lost) is given up: the member becomes unclustered, pulls random nodes (the push-pull fallback) and is
     * recruited again. A busy answer proves the leader alive. @return whether the call was answered
     */
    private boolean callLeader(final int i, final int li, final int stride)
    {
        final boolean answered = call(i, li, stride);
        if (gaveUp(i))
        {
            nextLeader[i] = -1;
        }
        return answered;
    }

    /** after a call: the callee stayed silent MISSES_TO_ORPHAN times in a row (a busy answer resets the count) */
    private boolean gaveUp(final int i)
    {
        if (!lastSilent)
        {
            missed[i] = 0;
            return false;
        }
        if (++missed[i] >= MISSES_TO_ORPHAN)
        {
            missed[i] = 0;
            return true;
        }
        return false;
    }

    /** the root of the tree holding the most nodes (their number: {@link #largestRootSize}) */
    private int largestRoot()
    {
        final int n = nodes;
        Arrays.fill(count, 0);
        int bestRoot = 0;
        int bestCount = 0;
        for (int i = 0; i < n; i++)
        {
            int g = leader[i];
            int h = 0;
            while (g >= 0 && leader[g] != g && h++ < 64)
            {
                g = leader[g];
            }
            if (g < 0)
            {
                continue;
            }
            while (up[g] >= 0 && up[g] != g && h++ < 128)
            {
                g = up[g];
            }
            if (++count[g] > bestCount)
            {
                bestCount = count[g];
                bestRoot = g;
            }
        }
        largestRootSize = bestCount;
        return bestRoot;
    }

    /**
     * A dead node holds no rumor: its bit is cleared, so a member (or leader) that knows the rumor does not skip the
     * call to it as "both hold it" but calls, as the core's nodes call their leader every round, and after
     * {@link #MISSES_TO_ORPHAN} silent calls gives it up and falls back to pulling (before, a source whose leader or
     * root learned the rumor in round 1 and was then killed skipped it forever: the rumor never left the source).
     */
    private void kill(final int node)
    {
        if (!isSet(dead, node))
        {
            setBit(dead, node);
            live--;
            if (isSet(knowsNow, node))
            {
                informed--;
                clearBit(knowsNow, node);
            }
        }
    }

    /** an unclustered node pulls a random node and joins its leader */
    private void recruit(final int i, final int stride)
    {
        final int j = other(i);
        if (call(i, j, stride))
        {
            final int lj = leader[j];
            if (lj >= 0 && nextLeader[i] < 0)
            {
                nextLeader[i] = lj;
            }
        }
    }

    /**
     * Pointer jumping: the called leader {@code li} of {@code i} is no longer a leader: follow it to where it went,
     * or become unclustered if it dissolved. @return true if {@code i} had to re-point
     */
    private boolean followLeader(final int i, final int li)
    {
        final int l2 = leader[li];
        if (l2 == li)
        {
            return false;
        }
        nextLeader[i] = l2;
        return true;
    }

    // ---------------------------------------------------------------- bookkeeping

    private void beginRound()
    {
        round++;
        roundCalls = 0;
        roundMaxReceived = 0;
        roundMaxAnswered = 0;
        Arrays.fill(inRound, 0);
        System.arraycopy(knowsNow, 0, knowsNext, 0, knowsNow.length);
        System.arraycopy(leader, 0, nextLeader, 0, nodes);
        System.arraycopy(up, 0, nextUp, 0, nodes);
    }

    /**
     * A call from {@code caller} to {@code callee}; the callee answers if it has answered fewer than maxAnswers calls
     * this round. An answered call exchanges the rumor both ways. @return whether it was answered
     */
    private boolean call(final int caller, final int callee, final int stride)
    {
        lastSilent = true;
        if (isSet(dead, caller))
        {
            return false;
        }
        roundCalls++;
        if (isSet(dead, callee) || (lossThreshold > 0 && random.chance(lossThreshold)))
        {
            return false;
        }
        lastSilent = false;
        final int received = ++inRound[callee];
        if (received > roundMaxReceived)
        {
            roundMaxReceived = received;
        }
        if (maxAnswers > 0 && received > maxAnswers)
        {
            return false;
        }
        if (received > roundMaxAnswered)
        {
            roundMaxAnswered = received;
        }
        final boolean kc = isSet(knowsNow, caller);
        final boolean ke = isSet(knowsNow, callee);
        if (kc != ke)
        {
            transmissions++;
            final int learner = kc ? callee : caller;
            final int teacher = kc ? caller : callee;
            if (!isSet(knowsNext, learner))
            {
                setBit(knowsNext, learner);
                hops[learner] = (byte)Math.min(127, hops[teacher] + 1);
                informed++;
                if (!steady && learner % stride == 0)
                {
                    sink.onLearned(round * roundNs, learner, round, hops[learner], teacher, kc ? Channel.PUSH : Channel.PULL);
                }
            }
        }
        else if (kc)
        {
            transmissions += 2;
        }
        return true;
    }

    private void endRound()
    {
        System.arraycopy(knowsNext, 0, knowsNow, 0, knowsNow.length);
        System.arraycopy(nextLeader, 0, leader, 0, nodes);
        System.arraycopy(nextUp, 0, up, 0, nodes);
        totalCallsSoFar += roundCalls;
        phaseCalls += roundCalls;
        phasePeak = Math.max(phasePeak, roundMaxReceived);
        phasePeakAnswered = Math.max(phasePeakAnswered, roundMaxAnswered);
        maxAnsweredAll = Math.max(maxAnsweredAll, roundMaxAnswered);
        if (round <= schedule.structureRounds())
        {
            maxReceivedStructure = Math.max(maxReceivedStructure, roundMaxReceived);
        }
        else if (!steady)
        {
            maxReceivedDelivery = Math.max(maxReceivedDelivery, roundMaxReceived);
        }
        if (!steady)
        {
            firstCalls = totalCallsSoFar;
            milestones.onRound(round, informed, nodes);
            sink.onRound(round, round * roundNs, informed, 0, 2 * roundCalls, roundMaxReceived, roundMaxAnswered);
        }
    }

    private void beginPhase()
    {
        phaseCalls = 0;
        phasePeak = 0;
        phasePeakAnswered = 0;
        phaseStartRound = round;
    }

    /** reports the state at a phase's end to the sink and starts the next phase */
    private void endPhase(final String name, final long activeGroups)
    {
        final int n = nodes;
        Arrays.fill(count, 0);
        long unclustered = 0;
        int maxHops = 0;
        for (int i = 0; i < n; i++)
        {
            int g = leader[i];
            if (g < 0)
            {
                unclustered++;
                continue;
            }
            int h = g == i ? 0 : 1;
            while (leader[g] != g && leader[g] >= 0 && h < 64)
            {
                g = leader[g];
                h++;
            }
            if (leader[g] < 0)
            {
                unclustered++;
                continue;
            }
            int r = g;
            while (up[r] >= 0 && up[r] != r && h < 64)
            {
                r = up[r];
                h++;
            }
            maxHops = Math.max(maxHops, h);
            count[g]++;
        }
        int groups = 0;
        for (int i = 0; i < n; i++)
        {
            if (count[i] > 0)
            {
                groups++;
            }
        }
        final int[] sizes = new int[groups];
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            if (count[i] > 0)
            {
                sizes[k++] = count[i];
            }
        }
        Arrays.sort(sizes);
        final double median = groups == 0 ? 0 :
            (groups % 2 == 1 ? sizes[groups / 2] : (sizes[groups / 2 - 1] + sizes[groups / 2]) / 2.0);
        final double logSize = median > 1 ? Math.log(median) / Math.log(2) : Double.NaN;
        final double ratio = name.startsWith("merge-") && previousLogSize > 0 ? logSize / previousLogSize : Double.NaN;
        if (name.equals("normalise") || name.startsWith("merge-"))
        {
            previousLogSize = logSize;
        }
        sink.onPhase(new PhaseRecord(name, round - phaseStartRound, groups, activeGroups,
            groups == 0 ? 0 : sizes[0], median, groups == 0 ? 0 : sizes[groups - 1], unclustered, maxHops,
            phaseCalls, phasePeak, phasePeakAnswered, 2.0 * phaseCalls / n, ratio));
        beginPhase();
    }

    /** groups whose leader is a root (no root above it) */
    private long roots()
    {
        long roots = 0;
        for (int i = 0; i < nodes; i++)
        {
            if (leader[i] == i && (up[i] < 0 || up[i] == i))
            {
                roots++;
            }
        }
        return roots;
    }

    private long unclustered()
    {
        long u = 0;
        for (int i = 0; i < nodes; i++)
        {
            if (leader[i] < 0)
            {
                u++;
            }
        }
        return u;
    }

    /** fraction of all nodes under the most common root */
    private double giantFraction()
    {
        largestRoot();
        return (double)largestRootSize / nodes;
    }

    private boolean active(final int leaderId, final long salt, final long threshold)
    {
        return (SimRandom.mix(salt ^ (leaderId * 0x9E3779B97F4A7C15L)) >>> 11) < threshold;
    }

    private int index(final int start, final int t)
    {
        final int i = start + t;
        return i >= nodes ? i - nodes : i;
    }

    private int other(final int i)
    {
        int j = random.nextInt(nodes - 1);
        if (j >= i)
        {
            j++;
        }
        return j;
    }

    private static boolean isSet(final long[] bits, final int index)
    {
        return (bits[index >>> 6] & (1L << index)) != 0;
    }

    private static void setBit(final long[] bits, final int index)
    {
        bits[index >>> 6] |= 1L << index;
    }

    private static void clearBit(final long[] bits, final int index)
    {
        bits[index >>> 6] &= ~(1L << index);
    }
}
