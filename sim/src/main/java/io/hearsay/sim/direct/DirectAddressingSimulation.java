package io.hearsay.sim.direct;

import io.hearsay.core.Channel;
import io.hearsay.sim.engine.LoadCounter;
import io.hearsay.sim.engine.Milestones;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.Simulation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gossip with direct addressing in synchronous rounds (a reconstruction of Haeupler &amp; Malkhi, PODC 2014; the
 * plan is {@link DirectSchedule}). Model: in a round every node starts at most one call, to a uniformly random
 * other node or to a node whose id it has learned; the callee answers in the same call; a node may receive any
 * number of calls; all answers and decisions of a round read the state at the round's start. Every call and
 * every answer is counted as a message of its sender and its receiver, so a leader that answers its whole
 * cluster shows up in {@code max_received_per_round}.
 * <p>
 * Structure (built first; the event exists at round 0 at a random origin and waits for it):
 * <ol>
 *     <li><b>growth</b>: every clustered node calls a random node and recruits it if it is unclustered (the callee
 *     takes the first offer), every unclustered node calls a random node and joins its leader if it has one;</li>
 *     <li><b>merge phases</b> of 3 rounds: a leader is active in phase k with probability q_k, drawn from the
 *     leader's own random word, which its members received with its id (so any node that knows a leader's id
 *     knows whether it is active, without a message). (S) every member of an inactive cluster calls a random node
 *     and notes the callee's leader if that one is active; (R) the members report to their leader (a hit or
 *     nothing), which keeps the largest hit and counts its members; (D) every member of an inactive cluster asks its leader and moves to the chosen
 *     active leader (the leader moves too); a cluster whose members saw no active one stays, unless it is
 *     smaller than twice the phase's expected size (the leader counted its members' reports in R): then it
 *     dissolves and its nodes pull-join one by one (the trim of small groups). Active leaders never move, so every node stays one hop
 *     from its leader;</li>
 *     <li><b>final merge</b>, 3 rounds: as a merge phase, but every cluster is a candidate and each joins the
 *     largest leader id its members saw (its own included); a cluster that missed the largest may end two hops
 *     below it.</li>
 * </ol>
 * Unclustered nodes keep pulling a random node in every structure round and join its leader (in a D round only
 * an active one, which stays put; in the final D round none). <b>Rumor</b>: every round every node calls its leader (a leader, or a node
 * without one, calls a random node and from then on points at the callee's leader if that id is larger than its
 * own leader's; a member whose leader has joined another one re-points to that one) and the call is push-pull: origin &rarr; leader in round 1, leader &rarr; members in round 2,
 * stragglers one or two rounds later.
 * <p>
 * Memory: flat arrays, about {@link #bytesPerNode()} bytes per node; no per-node objects.
 */
public final class DirectAddressingSimulation implements Simulation
{
    private final int nodes;
    private final long roundNs;
    private final int maxRounds;
    private final DirectSchedule schedule;

    private final int[] parent;
    private final int[] nextParent;
    private final int[] hit;
    private final int[] decision;
    private final int[] size;
    private final long[] knowsNow;
    private final long[] knowsNext;
    private final long[] called;
    private final byte[] hops;
    private final LoadCounter calls;
    private final Milestones milestones = new Milestones();

    private SimRandom random;
    private RoundSink sink;
    private long activitySalt;
    private long activityThreshold;
    private int dissolveBelow;
    private int round;
    private long roundCalls;
    private long totalCalls;
    private long maxReceived;
    private long informed;

    public DirectAddressingSimulation(final int nodes, final long roundNs, final int maxRounds)
    {
        if (nodes < 2)
        {
            throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        }
        this.nodes = nodes;
        this.roundNs = roundNs;
        this.maxRounds = maxRounds;
        schedule = new DirectSchedule(nodes);
        parent = new int[nodes];
        nextParent = new int[nodes];
        hit = new int[nodes];
        decision = new int[nodes];
        size = new int[nodes];
        knowsNow = new long[(nodes + 63) >>> 6];
        knowsNext = new long[(nodes + 63) >>> 6];
        called = new long[(nodes + 63) >>> 6];
        hops = new byte[nodes];
        calls = new LoadCounter(nodes);
    }

    /** heap bytes per simulated node */
    public static long bytesPerNode()
    {
        return 5 * 4 + 1 + 1 + LoadCounter.bytesPerNode();
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
        totalCalls = 0;
        maxReceived = 0;
        calls.reset();
        Arrays.fill(called, 0);
        Arrays.fill(knowsNow, 0);
        Arrays.fill(hops, (byte)0);

        final int n = nodes;
        final int origin = random.nextInt(n);
        setBit(knowsNow, origin);
        informed = 1;
        sink.onLearned(0, origin, 0, 0, origin, Channel.ORIGIN);

        // structure
        final double p = schedule.leaderProbability();
        final long leaderThreshold = SimRandom.threshold(p);
        boolean anyLeader = false;
        for (int i = 0; i < n; i++)
        {
            final boolean leader = random.chance(leaderThreshold);
            parent[i] = leader ? i : -1;
            anyLeader |= leader;
        }
        if (!anyLeader)
        {
            final int leader = random.nextInt(n);
            parent[leader] = leader;
        }
        for (int g = 0; g < schedule.growthRounds(); g++)
        {
            growthRound();
        }
        for (int phase = 0; phase < schedule.mergePhases(); phase++)
        {
            activityThreshold = SimRandom.threshold(schedule.activity(phase));
            activitySalt = SimRandom.mix(activitySalt + phase);
            dissolveBelow = (int)(2 * schedule.expectedSize(phase));
            sampleRound(false);
            reportRound(false);
            decisionRound(false);
        }
        sampleRound(true);
        reportRound(true);
        decisionRound(true);
        final int structureRounds = round;
        final long structureCalls = totalCalls;
        final long maxReceivedStructure = maxReceived;
        final double giantFraction = giantFraction();

        // rumor
        maxReceived = 0;
        long transmissions = 0;
        milestones.reset(informed, n);
        while (informed < n && round < maxRounds)
        {
            beginRound();
            System.arraycopy(knowsNow, 0, knowsNext, 0, knowsNow.length);
            System.arraycopy(parent, 0, nextParent, 0, n);
            long learned = 0;
            for (int i = 0; i < n; i++)
            {
                final int pi = parent[i];
                final int target = pi >= 0 && pi != i ? pi : other(i);
                call(i, target);
                final int pt = parent[target];
                if (target != pi)
                {
                    // a leader or an unclustered node calls at random and adopts a larger leader it hears of
                    if (pt > pi && pt != i)
                    {
                        nextParent[i] = pt;
                    }
                }
                else if (pt != target)
                {
                    nextParent[i] = pt; // its leader has joined another one: jump to that one
                }
                final boolean ki = isSet(knowsNow, i);
                final boolean kt = isSet(knowsNow, target);
                if (ki == kt)
                {
                    transmissions += ki ? 2 : 0;
                    continue;
                }
                transmissions++;
                final int learner = ki ? target : i;
                final int teacher = ki ? i : target;
                if (!isSet(knowsNext, learner))
                {
                    setBit(knowsNext, learner);
                    hops[learner] = (byte)Math.min(127, hops[teacher] + 1);
                    learned++;
                    if (learner % sampleStride == 0)
                    {
                        sink.onLearned(round * roundNs, learner, round, hops[learner], teacher, ki ? Channel.PUSH : Channel.PULL);
                    }
                }
            }
            System.arraycopy(knowsNext, 0, knowsNow, 0, knowsNow.length);
            System.arraycopy(nextParent, 0, parent, 0, n);
            informed += learned;
            endRound();
            milestones.onRound(round, informed, n);
        }
        final int rounds50 = milestones.rounds50();
        final int rounds99 = milestones.rounds99();
        final int rounds100 = milestones.rounds100();
        final long rumorCalls = totalCalls - structureCalls;
        final long maxReceivedRumor = maxReceived;

        final Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("structure_rounds", (double)structureRounds);
        figures.put("rumor_rounds", rounds100 < 0 ? Double.NaN : (double)(rounds100 - structureRounds));
        figures.put("merge_phases", (double)schedule.mergePhases());
        figures.put("giant_cluster_fraction", giantFraction);
        figures.put("max_received_per_round_structure", (double)maxReceivedStructure);
        figures.put("max_received_per_round_rumor", (double)maxReceivedRumor);
        figures.put("messages_per_node_structure", 2.0 * structureCalls / n);
        figures.put("messages_per_node_rumor", 2.0 * rumorCalls / n);

        final double msPerRound = roundNs / 1e6;
        return new RunResult(
            seed, origin, sequence, n, n, informed, round, rounds50, rounds99, rounds100,
            Milestones.timeMs(rounds50, msPerRound),
            Milestones.timeMs(rounds99, msPerRound),
            Milestones.timeMs(rounds100, msPerRound),
            2.0 * totalCalls / n, (double)transmissions / n, round == 0 ? 0 : 2.0 * totalCalls / n / round,
            Math.max(maxReceivedStructure, maxReceivedRumor), Math.max(maxReceivedStructure, maxReceivedRumor),
            totalCalls, figures);
    }

    /** push-pull joining: a clustered caller recruits an unclustered callee, an unclustered caller joins the callee's leader */
    private void growthRound()
    {
        beginRound();
        final int n = nodes;
        System.arraycopy(parent, 0, nextParent, 0, n);
        for (int i = 0; i < n; i++)
        {
            final int j = other(i);
            call(i, j);
            final int pi = parent[i];
            final int pj = parent[j];
            if (pi >= 0)
            {
                if (pj < 0 && nextParent[j] < 0)
                {
                    nextParent[j] = pi;
                }
            }
            else if (pj >= 0 && nextParent[i] < 0)
            {
                nextParent[i] = pj;
            }
        }
        System.arraycopy(nextParent, 0, parent, 0, n);
        endRound();
    }

    /** (S) members of inactive clusters sample a random node; in the final merge every member does */
    private void sampleRound(final boolean last)
    {
        beginRound();
        final int n = nodes;
        System.arraycopy(parent, 0, nextParent, 0, n);
        for (int i = 0; i < n; i++)
        {
            final int pi = parent[i];
            hit[i] = -1;
            if (pi < 0)
            {
                pullJoin(i, false);
            }
            else if (last)
            {
                final int j = other(i);
                call(i, j);
                hit[i] = Math.max(pi, parent[j]);
            }
            else if (!active(pi))
            {
                final int j = other(i);
                call(i, j);
                final int pj = parent[j];
                if (pj >= 0 && active(pj))
                {
                    hit[i] = pj;
                }
            }
        }
        System.arraycopy(nextParent, 0, parent, 0, n);
        endRound();
    }

    /** (R) members report to their leader, which keeps the largest hit and counts them (final merge: only those with a larger id) */
    private void reportRound(final boolean last)
    {
        beginRound();
        final int n = nodes;
        System.arraycopy(parent, 0, nextParent, 0, n);
        Arrays.fill(decision, -1);
        Arrays.fill(size, 0);
        for (int i = 0; i < n; i++)
        {
            final int pi = parent[i];
            if (pi < 0)
            {
                pullJoin(i, false);
                continue;
            }
            final int h = hit[i];
            if (last ? h > pi : !active(pi))
            {
                // final merge: members that saw a larger leader report it; merge phase: every member of an
                // inactive cluster reports (its hit, if any), so that the leader learns its size
                if (i != pi)
                {
                    call(i, pi);
                }
                size[pi]++;
                if (h > decision[pi])
                {
                    decision[pi] = h;
                }
            }
        }
        System.arraycopy(nextParent, 0, parent, 0, n);
        endRound();
    }

    /** (D) members of inactive clusters (final merge: all) ask their leader and move to its choice */
    private void decisionRound(final boolean last)
    {
        beginRound();
        final int n = nodes;
        System.arraycopy(parent, 0, nextParent, 0, n);
        for (int i = 0; i < n; i++)
        {
            final int pi = parent[i];
            if (pi < 0)
            {
                if (!last)
                {
                    pullJoin(i, true); // only an active leader, which stays put
                }
                continue;
            }
            if (last || !active(pi))
            {
                if (i != pi)
                {
                    call(i, pi);
                }
                final int d = decision[pi];
                if (last)
                {
                    if (d > pi)
                    {
                        nextParent[i] = d;
                    }
                }
                else if (d >= 0 || size[pi] < dissolveBelow)
                {
                    // d = -1: the cluster saw no active one; if it is small it dissolves and its nodes pull-join
                    nextParent[i] = d;
                }
            }
        }
        System.arraycopy(nextParent, 0, parent, 0, n);
        endRound();
    }

    /** an unclustered node calls a random node and joins its leader (only an active one if {@code activeOnly}) */
    private void pullJoin(final int i, final boolean activeOnly)
    {
        final int j = other(i);
        call(i, j);
        final int pj = parent[j];
        if (pj >= 0 && (!activeOnly || active(pj)) && nextParent[i] < 0)
        {
            nextParent[i] = pj;
        }
    }

    /** is leader {@code leader} active in the current merge phase: a draw from the leader's own random word */
    private boolean active(final int leader)
    {
        return (SimRandom.mix(activitySalt ^ (leader * 0x9E3779B97F4A7C15L)) >>> 11) < activityThreshold;
    }

    /** fraction of all nodes under the most common root (following at most two hops) */
    private double giantFraction()
    {
        final int n = nodes;
        final int[] count = hit;
        Arrays.fill(count, 0);
        int best = 0;
        for (int i = 0; i < n; i++)
        {
            int r = parent[i];
            if (r < 0)
            {
                continue;
            }
            while (parent[r] != r)
            {
                r = parent[r];
            }
            final int c = ++count[r];
            if (c > best)
            {
                best = c;
            }
        }
        return (double)best / n;
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

    private void beginRound()
    {
        round++;
        roundCalls = 0;
    }

    private void call(final int caller, final int callee)
    {
        calls.add(callee);
        setBit(called, caller);
        roundCalls++;
    }

    /** every call is answered: a node sends its own call and one answer per incoming call, and receives the same */
    private void endRound()
    {
        calls.drainAll();
        final int n = nodes;
        int roundMax = 0;
        for (int i = 0; i < n; i++)
        {
            final int load = calls.takeCount(i) + (isSet(called, i) ? 1 : 0);
            if (load > roundMax)
            {
                roundMax = load;
            }
        }
        Arrays.fill(called, 0);
        totalCalls += roundCalls;
        maxReceived = Math.max(maxReceived, roundMax);
        sink.onRound(round, round * roundNs, informed, 0, 2 * roundCalls, roundMax, roundMax);
    }

    private static boolean isSet(final long[] bits, final int index)
    {
        return (bits[index >>> 6] & (1L << index)) != 0;
    }

    private static void setBit(final long[] bits, final int index)
    {
        bits[index >>> 6] |= 1L << index;
    }
}
