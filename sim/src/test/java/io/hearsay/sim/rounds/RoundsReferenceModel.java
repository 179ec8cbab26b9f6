package io.hearsay.sim.rounds;

import io.hearsay.core.Channel;
import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.sim.engine.Milestones;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.Simulation;

import java.util.Arrays;

/**
 * The rounds fidelity written the plain way (the simulator's model before it was made fast): two state arrays
 * copied every round, a counter per node hit at random, the rule called for every node. {@link RoundsSimulation}
 * must give exactly its results and records for the same seed ({@code RoundsReferenceTest}).
 */
final class RoundsReferenceModel implements Simulation
{
    private final int nodes;
    private final DisseminationRule rule;
    private final int fanout;
    private final long lossThreshold;
    private final long roundNs;
    private final int maxRounds;
    private final boolean countsContacts;
    private final boolean untilQuiescent;

    private final int[] current;
    private final int[] next;
    private final long[] knownNow;
    private final long[] knownNext;
    private final int[] received;
    private final char[] sent;
    private final byte[] hops;
    private final Milestones milestones = new Milestones();

    RoundsReferenceModel(
        final int nodes, final DisseminationRule rule, final int fanout, final double loss, final long roundNs, final int maxRounds,
        final boolean untilQuiescent)
    {
        if (nodes < 2)
        {
            throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        }
        if (fanout < 1)
        {
            throw new IllegalArgumentException("fanout must be >= 1, got " + fanout);
        }
        if (!(loss >= 0 && loss < 1))
        {
            throw new IllegalArgumentException("loss must be in [0, 1), got " + loss);
        }
        this.nodes = nodes;
        this.rule = rule;
        this.fanout = fanout;
        this.lossThreshold = SimRandom.threshold(loss);
        this.roundNs = roundNs;
        this.maxRounds = maxRounds;
        this.untilQuiescent = untilQuiescent;
        // only median-counter's onContact changes a state; skipping the identity calls saves random accesses
        this.countsContacts = rule.kind() == StrategyKind.MEDIAN_COUNTER;
        current = new int[nodes];
        next = new int[nodes];
        knownNow = new long[(nodes + 63) >>> 6];
        knownNext = new long[(nodes + 63) >>> 6];
        received = new int[nodes];
        sent = new char[nodes];
        hops = new byte[nodes];
    }

    /**
     * Runs one event from a random origin to the end: all informed (or, with {@code untilQuiescent}, nobody
     * active any more, so that the message figures include the strategy's whole cost), nothing left that could
     * spread it, or {@code maxRounds}.
     *
     * @param sampleStride nodes whose index is a multiple of this are reported to the sink as they learn
     */
    public RunResult run(final long seed, final long sequence, final int sampleStride, final RoundSink sink)
    {
        final SimRandom random = new SimRandom(seed);
        Arrays.fill(current, 0);
        Arrays.fill(knownNow, 0);
        Arrays.fill(received, 0);
        Arrays.fill(sent, (char)0);
        Arrays.fill(hops, (byte)0);

        final int n = nodes;
        final int origin = random.nextInt(n);
        current[origin] = rule.originState(n);
        setBit(knownNow, origin);
        sink.onLearned(0, origin, 0, 0, origin, Channel.ORIGIN); // always: it names the event's origin

        long informed = 1;
        long totalMessages = 0;
        long transmissions = 0;
        long maxSent = 0;
        long maxReceived = 0;
        long nodeSteps = 0;
        double sentPerNodeRoundSum = 0;
        milestones.reset(informed, n);
        int round = 0;
        boolean anyActive = rule.isActive(current[origin]);
        final boolean uninformedPull = rule.pulls(DisseminationRule.UNKNOWN);
        final boolean lossy = lossThreshold > 0;

        while (round < maxRounds &&
            (informed < n ? anyActive || uninformedPull : untilQuiescent && anyActive))
        {
            round++;
            System.arraycopy(current, 0, next, 0, n);
            System.arraycopy(knownNow, 0, knownNext, 0, knownNow.length);
            long roundMessages = 0;
            long learnedThisRound = 0;

            for (int i = 0; i < n; i++)
            {
                final int state = current[i];
                final boolean pushes = rule.pushes(state);
                final boolean pulls = rule.pulls(state);
                if (!pushes && !pulls)
                {
                    continue;
                }
                nodeSteps++;
                for (int c = 0; c < fanout; c++)
                {
                    int j = random.nextInt(n - 1);
                    if (j >= i)
                    {
                        j++;
                    }
                    sent[i] = increment(sent[i]);
                    roundMessages++;
                    if (pushes)
                    {
                        transmissions++;
                    }
                    if (lossy && random.chance(lossThreshold))
                    {
                        continue;
                    }
                    received[j]++;
                    final boolean calleeKnows = isSet(knownNow, j);
                    if (pushes)
                    {
                        if (!calleeKnows)
                        {
                            if (!isSet(knownNext, j))
                            {
                                next[j] = rule.learnedState(state, n);
                                setBit(knownNext, j);
                                hops[j] = (byte)Math.min(127, hops[i] + 1);
                                learnedThisRound++;
                                if (j % sampleStride == 0)
                                {
                                    sink.onLearned(round * roundNs, j, round, hops[j], i, Channel.PUSH);
                                }
                            }
                            if (countsContacts)
                            {
                                next[i] = rule.onContact(next[i], DisseminationRule.UNKNOWN);
                            }
                        }
                        else if (countsContacts)
                        {
                            final int calleeState = current[j];
                            next[j] = rule.onContact(next[j], state);
                            next[i] = rule.onContact(next[i], calleeState);
                        }
                    }
                    else if (calleeKnows)
                    {
                        final int calleeState = current[j];
                        if (rule.answersPull(calleeState))
                        {
                            sent[j] = increment(sent[j]);
                            roundMessages++;
                            transmissions++;
                            if (countsContacts)
                            {
                                next[j] = rule.onContact(next[j], DisseminationRule.UNKNOWN);
                            }
                            if (lossy && random.chance(lossThreshold))
                            {
                                continue;
                            }
                            received[i]++;
                            if (!isSet(knownNext, i))
                            {
                                next[i] = rule.learnedState(calleeState, n);
                                setBit(knownNext, i);
                                hops[i] = (byte)Math.min(127, hops[j] + 1);
                                learnedThisRound++;
                                if (i % sampleStride == 0)
                                {
                                    sink.onLearned(round * roundNs, i, round, hops[i], j, Channel.PULL);
                                }
                            }
                        }
                    }
                }
            }

            anyActive = false;
            long active = 0;
            int roundMaxSent = 0;
            int roundMaxReceived = 0;
            for (int i = 0; i < n; i++)
            {
                if (current[i] != DisseminationRule.UNKNOWN)
                {
                    next[i] = rule.onRoundEnd(next[i], n);
                }
                if (rule.isActive(next[i]))
                {
                    active++;
                }
                final int s = sent[i];
                final int r = received[i];
                received[i] = 0;
                if (s > roundMaxSent)
                {
                    roundMaxSent = s;
                }
                if (r > roundMaxReceived)
                {
                    roundMaxReceived = r;
                }
                sent[i] = 0;
            }
            anyActive = active > 0;

            System.arraycopy(next, 0, current, 0, n);
            System.arraycopy(knownNext, 0, knownNow, 0, knownNow.length);
            informed += learnedThisRound;
            totalMessages += roundMessages;
            sentPerNodeRoundSum += (double)roundMessages / n;
            maxSent = Math.max(maxSent, roundMaxSent);
            maxReceived = Math.max(maxReceived, roundMaxReceived);
            milestones.onRound(round, informed, n);
            sink.onRound(round, round * roundNs, informed, active, roundMessages, roundMaxReceived, roundMaxSent);
        }

        final int rounds50 = milestones.rounds50();
        final int rounds99 = milestones.rounds99();
        final int rounds100 = milestones.rounds100();
        final double msPerRound = roundNs / 1e6;
        return new RunResult(
            seed, origin, sequence, n, n, informed, round, rounds50, rounds99, rounds100,
            Milestones.timeMs(rounds50, msPerRound),
            Milestones.timeMs(rounds99, msPerRound),
            Milestones.timeMs(rounds100, msPerRound),
            (double)totalMessages / n, (double)transmissions / n,
            round == 0 ? 0 : sentPerNodeRoundSum / round, maxSent, maxReceived, nodeSteps);
    }

    /** per-round message counters saturate at 65,535 (a node's load in one round beyond that is reported as 65,535) */
    private static char increment(final char count)
    {
        return count == Character.MAX_VALUE ? count : (char)(count + 1);
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
