package io.hearsay.sim.rounds;

import io.hearsay.core.Channel;
import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.sim.engine.LoadCounter;
import io.hearsay.sim.engine.Milestones;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.Simulation;

import java.util.Arrays;

/**
 * The synchronous random phone call model of the theory: in every round every node calls {@code fanout}
 * uniformly random other nodes; over a call the caller pushes the rumor if its rule says so, pulls it if it
 * lacks it, and the callee answers a pull if its rule says so. All decisions of a round read the states at
 * the round's start (a node that learns in round r acts from round r + 1), as in Karp et al.
 * <p>
 * Written for memory speed, since a round is ~N random reads over arrays larger than the cache: flat primitive
 * arrays, no per-node objects, one seeded {@link SimRandom} drawn in node order (so the same seed gives the same
 * run). Who knows the rumor at the round's start is a bitset (N/8 bytes, in cache), so the common call, to a
 * node that knows or does not, costs one cached bit test and a buffered load count ({@link LoadCounter}); the
 * state words are touched only where something happens. The rule's words live in one array: a node's word
 * changes during a round only when it learns (it was unknown at the round's start, so no decision of that round
 * reads it: the bitset says unknown) — except under median-counter, whose contacts change words that later calls
 * of the same round read, so it keeps a second array for the round's end. Nothing is copied per round: the
 * round's end visits only the nodes that know ({@link DisseminationRule#onRoundEnd} for those that knew at its
 * start), and where no uninformed node acts (push) the round skips the unknown nodes 64 at a time.
 * Loss drops a call or an answer with probability {@code loss}, independently.
 * <p>
 * Memory: {@link #bytesPerNode(StrategyKind)}, 14 bytes per node (18 for median-counter).
 */
public final class RoundsSimulation implements Simulation
{
    private final int nodes;
    private final DisseminationRule rule;
    private final int fanout;
    private final long lossThreshold;
    private final long roundNs;
    private final int maxRounds;
    private final boolean countsContacts;
    private final boolean untilQuiescent;

    /** the rule's word of every node as of the round's start where the bitset says it knew */
    private final int[] state;
    /** the words as of the round's end: {@link #state} itself unless contacts change words (median-counter) */
    private final int[] next;
    private long[] knownNow;
    private long[] knownNext;
    private final LoadCounter received;
    /** pull answers each node sent this round (a node's calls are {@code fanout}, not counted per node) */
    private final char[] answers;
    private final byte[] hops;
    private final Milestones milestones = new Milestones();

    public RoundsSimulation(
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
        this.countsContacts = countsContacts(rule.kind());
        state = new int[nodes];
        next = countsContacts ? new int[nodes] : state;
        knownNow = new long[(nodes + 63) >>> 6];
        knownNext = new long[(nodes + 63) >>> 6];
        received = new LoadCounter(nodes);
        answers = new char[nodes];
        hops = new byte[nodes];
    }

    private static boolean countsContacts(final StrategyKind kind)
    {
        return kind == StrategyKind.MEDIAN_COUNTER;
    }

    /** heap bytes per simulated node under a strategy */
    public static long bytesPerNode(final StrategyKind kind)
    {
        return (countsContacts(kind) ? 8 : 4) + 2 + 1 + LoadCounter.bytesPerNode() + 1;
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
        final int n = nodes;
        final int[] state = this.state;
        final int[] next = this.next;
        final byte[] hops = this.hops;
        final char[] answers = this.answers;
        final LoadCounter received = this.received;
        final DisseminationRule rule = this.rule;
        final int fanout = this.fanout;
        final boolean countsContacts = this.countsContacts;
        Arrays.fill(state, DisseminationRule.UNKNOWN);
        if (countsContacts)
        {
            Arrays.fill(next, DisseminationRule.UNKNOWN);
        }
        Arrays.fill(knownNow, 0);
        received.reset();
        Arrays.fill(answers, (char)0);
        Arrays.fill(hops, (byte)0);

        final int origin = random.nextInt(n);
        state[origin] = rule.originState(n);
        next[origin] = state[origin];
        knownNow[origin >>> 6] |= 1L << origin;
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
        boolean anyActive = rule.isActive(state[origin]);
        final boolean unknownPushes = rule.pushes(DisseminationRule.UNKNOWN);
        final boolean unknownPulls = rule.pulls(DisseminationRule.UNKNOWN);
        final boolean unknownSteps = unknownPushes || unknownPulls;
        final boolean unknownActive = rule.isActive(DisseminationRule.UNKNOWN);
        final boolean lossy = lossThreshold > 0;
        final long lossThreshold = this.lossThreshold;

        while (round < maxRounds &&
            (informed < n ? anyActive || unknownPulls : untilQuiescent && anyActive))
        {
            round++;
            final long[] knownNow = this.knownNow;
            final long[] knownNext = this.knownNext;
            System.arraycopy(knownNow, 0, knownNext, 0, knownNow.length);
            final long roundTimeNs = round * roundNs;
            long steps = 0;
            long pushSteps = 0;
            long answered = 0;
            long learnedThisRound = 0;
            int roundMaxSent = 0;

            for (int i = 0; i < n; i++)
            {
                final boolean knows = (knownNow[i >>> 6] & (1L << i)) != 0;
                final int callerState;
                final boolean pushes;
                final boolean pulls;
                if (knows)
                {
                    callerState = state[i];
                    pushes = rule.pushes(callerState);
                    pulls = rule.pulls(callerState);
                }
                else if (unknownSteps)
                {
                    callerState = DisseminationRule.UNKNOWN;
                    pushes = unknownPushes;
                    pulls = unknownPulls;
                }
                else
                {
                    if (knownNow[i >>> 6] >>> i == 0)
                    {
                        i |= 63; // nobody from here to the end of this word knows: none of them acts
                    }
                    continue;
                }
                if (!pushes && !pulls)
                {
                    continue;
                }
                steps++;
                if (pushes)
                {
                    pushSteps++;
                }
                for (int c = 0; c < fanout; c++)
                {
                    int j = random.nextInt(n - 1);
                    j += (j - i) >>> 31 ^ 1; // skip the caller: j >= i moves up by one
                    if (lossy && random.chance(lossThreshold))
                    {
                        continue;
                    }
                    received.add(j);
                    final boolean calleeKnows = (knownNow[j >>> 6] & (1L << j)) != 0;
                    if (pushes)
                    {
                        if (!calleeKnows)
                        {
                            if ((knownNext[j >>> 6] & (1L << j)) == 0)
                            {
                                next[j] = rule.learnedState(callerState, n);
                                knownNext[j >>> 6] |= 1L << j;
                                hops[j] = (byte)Math.min(127, hops[i] + 1);
                                learnedThisRound++;
                                if (j % sampleStride == 0)
                                {
                                    sink.onLearned(roundTimeNs, j, round, hops[j], i, Channel.PUSH);
                                }
                            }
                            if (countsContacts)
                            {
                                next[i] = rule.onContact(next[i], DisseminationRule.UNKNOWN);
                            }
                        }
                        else if (countsContacts)
                        {
                            final int calleeState = state[j];
                            next[j] = rule.onContact(next[j], callerState);
                            next[i] = rule.onContact(next[i], calleeState);
                        }
                    }
                    else if (calleeKnows)
                    {
                        final int calleeState = state[j];
                        if (rule.answersPull(calleeState))
                        {
                            final int sent = answers[j] + 1;
                            answers[j] = (char)Math.min(sent, Character.MAX_VALUE);
                            final boolean calleeSteps = rule.pushes(calleeState) || rule.pulls(calleeState);
                            roundMaxSent = Math.max(roundMaxSent, sent + (calleeSteps ? fanout : 0));
                            answered++;
                            if (countsContacts)
                            {
                                next[j] = rule.onContact(next[j], DisseminationRule.UNKNOWN);
                            }
                            if (lossy && random.chance(lossThreshold))
                            {
                                continue;
                            }
                            received.add(i);
                            if ((knownNext[i >>> 6] & (1L << i)) == 0)
                            {
                                next[i] = rule.learnedState(calleeState, n);
                                knownNext[i >>> 6] |= 1L << i;
                                hops[i] = (byte)Math.min(127, hops[j] + 1);
                                learnedThisRound++;
                                if (i % sampleStride == 0)
                                {
                                    sink.onLearned(roundTimeNs, i, round, hops[i], j, Channel.PULL);
                                }
                            }
                        }
                    }
                }
            }

            final int roundMaxReceived = received.drainMax();
            if (answered > 0)
            {
                Arrays.fill(answers, (char)0);
            }
            if (steps > 0)
            {
                roundMaxSent = Math.max(roundMaxSent, Math.min(fanout, Character.MAX_VALUE));
            }
            informed += learnedThisRound;
            final long active = endRound(knownNow, knownNext) + (unknownActive ? n - informed : 0);
            anyActive = active > 0;
            this.knownNow = knownNext;
            this.knownNext = knownNow;

            final long roundMessages = steps * fanout + answered;
            nodeSteps += steps;
            transmissions += pushSteps * fanout + answered;
            totalMessages += roundMessages;
            sentPerNodeRoundSum += (double)roundMessages / n;
            maxSent = Math.max(maxSent, roundMaxSent);
            maxReceived = Math.max(maxReceived, roundMaxReceived);
            milestones.onRound(round, informed, n);
            sink.onRound(round, roundTimeNs, informed, active, roundMessages, roundMaxReceived, roundMaxSent);
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

    /**
     * The round's end for the nodes that know: {@link DisseminationRule#onRoundEnd} for those that knew at its
     * start (a node that learned in this round starts counting in the next), the round-end words become the next
     * round's start words; returns how many of them are active.
     */
    private long endRound(final long[] knewAtStart, final long[] knowsAtEnd)
    {
        final DisseminationRule rule = this.rule;
        final int[] state = this.state;
        final int[] next = this.next;
        final boolean separate = countsContacts;
        final int n = nodes;
        long active = 0;
        for (int word = 0; word < knowsAtEnd.length; word++)
        {
            final long knew = knewAtStart[word];
            long knows = knowsAtEnd[word];
            while (knows != 0)
            {
                final int bit = Long.numberOfTrailingZeros(knows);
                knows &= knows - 1;
                final int i = (word << 6) + bit;
                final int before = next[i];
                int after = before;
                if ((knew & (1L << bit)) != 0)
                {
                    after = rule.onRoundEnd(before, n);
                    if (after != before)
                    {
                        next[i] = after;
                    }
                }
                if (separate)
                {
                    state[i] = after;
                }
                if (rule.isActive(after))
                {
                    active++;
                }
            }
        }
        return active;
    }
}
