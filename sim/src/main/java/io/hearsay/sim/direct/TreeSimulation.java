package io.hearsay.sim.direct;

import io.hearsay.core.Channel;
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
 * Direct addressing over a fixed d-ary tree ordered by member id (node i's parent is (i - 1) / d; {@code star} is
 * the tree with d = N - 1: one hub), the other end of the rounds-versus-load plane: every node knows the member
 * list, so the structure costs no round. Every round every node but the root calls its parent, push-pull: the
 * rumor climbs one level and descends one level per round (a node that knows the rumor and whose parent knows it,
 * because one gave it to the other, stops calling), about 2 log_d N rounds at a load of d answers per node
 * per round. With {@code maxAnswers} = B &gt; 0 a parent answers only B of its children per round (in a rotating
 * order), the others are busy and call again the next round.
 */
public final class TreeSimulation implements Simulation
{
    private final int nodes;
    private final int fanout;
    private final long roundNs;
    private final int maxRounds;
    private final int maxAnswers;
    private final long[] knowsNow;
    private final long[] knowsNext;
    private final int[] inRound;
    private final byte[] hops;
    private final Milestones milestones = new Milestones();

    /** @param fanout children per node (N - 1: a star); @param maxAnswers calls answered per round, 0 = unbounded */
    public TreeSimulation(final int nodes, final int fanout, final long roundNs, final int maxRounds, final int maxAnswers)
    {
        if (nodes < 2)
        {
            throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        }
        if (fanout < 1)
        {
            throw new IllegalArgumentException("fanout must be >= 1, got " + fanout);
        }
        this.nodes = nodes;
        this.fanout = Math.min(fanout, nodes - 1);
        this.roundNs = roundNs;
        this.maxRounds = maxRounds;
        this.maxAnswers = maxAnswers;
        knowsNow = new long[(nodes + 63) >>> 6];
        knowsNext = new long[(nodes + 63) >>> 6];
        inRound = new int[nodes];
        hops = new byte[nodes];
    }

    /** heap bytes per simulated node */
    public static long bytesPerNode()
    {
        return 4 + 1 + 1;
    }

    /** the tree's depth: levels below the root */
    public int depth()
    {
        int depth = 0;
        long last = 0;
        while (last < nodes - 1)
        {
            last = last * fanout + fanout;
            depth++;
        }
        return depth;
    }

    @Override
    public RunResult run(final long seed, final long sequence, final int sampleStride, final RoundSink sink)
    {
        final SimRandom random = new SimRandom(seed);
        final int n = nodes;
        Arrays.fill(knowsNow, 0);
        Arrays.fill(hops, (byte)0);
        final int origin = random.nextInt(n);
        knowsNow[origin >>> 6] |= 1L << origin;
        long informed = 1;
        milestones.reset(informed, n);
        sink.onLearned(0, origin, 0, 0, origin, Channel.ORIGIN);
        long calls = 0;
        long transmissions = 0;
        long peakReceived = 0;
        long peakAnswered = 0;
        int round = 0;
        while (informed < n && round < maxRounds)
        {
            round++;
            Arrays.fill(inRound, 0);
            System.arraycopy(knowsNow, 0, knowsNext, 0, knowsNow.length);
            final long callsBefore = calls;
            int roundReceived = 0;
            int roundAnswered = 0;
            final int start = 1 + random.nextInt(n - 1);
            for (int t = 0; t < n - 1; t++)
            {
                int i = start + t;
                if (i >= n)
                {
                    i -= n - 1;
                }
                final int parent = (i - 1) / fanout;
                if (isSet(knowsNow, i) && isSet(knowsNow, parent))
                {
                    continue; // it learned from its parent or gave it the rumor: nothing left to exchange
                }
                calls++;
                final int received = ++inRound[parent];
                roundReceived = Math.max(roundReceived, received);
                if (maxAnswers > 0 && received > maxAnswers)
                {
                    continue;
                }
                roundAnswered = Math.max(roundAnswered, received);
                final boolean ki = isSet(knowsNow, i);
                final boolean kp = isSet(knowsNow, parent);
                if (ki == kp)
                {
                    transmissions += ki ? 2 : 0;
                    continue;
                }
                transmissions++;
                final int learner = ki ? parent : i;
                final int teacher = ki ? i : parent;
                if (!isSet(knowsNext, learner))
                {
                    knowsNext[learner >>> 6] |= 1L << learner;
                    hops[learner] = (byte)Math.min(127, hops[teacher] + 1);
                    informed++;
                    if (learner % sampleStride == 0)
                    {
                        sink.onLearned(round * roundNs, learner, round, hops[learner], teacher, ki ? Channel.PUSH : Channel.PULL);
                    }
                }
            }
            System.arraycopy(knowsNext, 0, knowsNow, 0, knowsNow.length);
            peakReceived = Math.max(peakReceived, roundReceived);
            peakAnswered = Math.max(peakAnswered, roundAnswered);
            milestones.onRound(round, informed, n);
            sink.onRound(round, round * roundNs, informed, 0, 2 * (calls - callsBefore), roundReceived, roundAnswered);
        }
        sink.onPhase(new PhaseRecord("delivery", round, 1, 0, n, n, n, 0, depth(), calls, peakReceived, peakAnswered,
            2.0 * calls / n, Double.NaN));
        final Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("tree_fanout", (double)fanout);
        figures.put("tree_depth", (double)depth());
        figures.put("max_answered_per_round", (double)peakAnswered);
        figures.put("max_answers", (double)maxAnswers);
        final double msPerRound = roundNs / 1e6;
        final int r50 = milestones.rounds50();
        final int r99 = milestones.rounds99();
        final int r100 = milestones.rounds100();
        return new RunResult(
            seed, origin, sequence, n, n, informed, round, r50, r99, r100,
            Milestones.timeMs(r50, msPerRound), Milestones.timeMs(r99, msPerRound), Milestones.timeMs(r100, msPerRound),
            2.0 * calls / n, (double)transmissions / n, round == 0 ? 0 : 2.0 * calls / n / round,
            peakReceived, peakReceived, calls, figures);
    }

    private static boolean isSet(final long[] bits, final int index)
    {
        return (bits[index >>> 6] & (1L << index)) != 0;
    }
}
