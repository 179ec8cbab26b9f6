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
 * Memory: {@link #bytesPerNode(StrategyKind)}, 11 bytes per node (15 for median-counter).
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
    private final boolean unknownPushes;
    private final boolean unknownPulls;
    /** the run's draws, taken in blocks (the generator's state stays in registers while it fills one) */
    private final long[] draws = new long[DRAWS];
    private static final int DRAWS = 1024;
    /** calls that can change something, caller in the high half, callee in the low, waiting to be played */
    private final long[] calls;
    private static final int QUEUED_CALLS = 4096;
    private static final int LOOK_AHEAD = 16;
    /** the sum of the words touched ahead (kept only so that the reads are not optimised away) */
    private int touched;

    // the run and round being played (the calls' effects are counted here)
    private SimRandom random;
    private int drawn;
    private RoundSink sink;
    private int sampleStride;
    private int round;
    private long roundTimeNs;
    private long roundSteps;
    private long roundPushSteps;
    private long roundAnswered;
    private long roundLearned;
    private int roundMaxSent;

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
        unknownPushes = rule.pushes(DisseminationRule.UNKNOWN);
        unknownPulls = rule.pulls(DisseminationRule.UNKNOWN);
        calls = new long[QUEUED_CALLS + fanout];
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
        random = new SimRandom(seed);
        this.sampleStride = sampleStride;
        this.sink = sink;
        final int n = nodes;
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
        drawn = DRAWS; // the block is drawn on first use: its draws continue the origin's

        long informed = 1;
        long totalMessages = 0;
        long transmissions = 0;
        long maxSent = 0;
        long maxReceived = 0;
        long nodeSteps = 0;
        double sentPerNodeRoundSum = 0;
        milestones.reset(informed, n);
        round = 0;
        boolean anyActive = rule.isActive(state[origin]);
        final boolean unknownActive = rule.isActive(DisseminationRule.UNKNOWN);

        while (round < maxRounds &&
            (informed < n ? anyActive || unknownPulls : untilQuiescent && anyActive))
        {
            round++;
            roundTimeNs = round * roundNs;
            System.arraycopy(knownNow, 0, knownNext, 0, knownNow.length);
            roundSteps = 0;
            roundPushSteps = 0;
            roundAnswered = 0;
            roundLearned = 0;
            roundMaxSent = 0;

            callAll();

            final int roundMaxReceived = received.drainMax();
            if (roundSteps > 0)
            {
                roundMaxSent = Math.max(roundMaxSent, Math.min(fanout, Character.MAX_VALUE));
            }
            informed += roundLearned;
            final long active = endRound(knownNow, knownNext) + (unknownActive ? n - informed : 0);
            anyActive = active > 0;
            final long[] knewAtStart = knownNow;
            knownNow = knownNext;
            knownNext = knewAtStart;

            final long roundMessages = roundSteps * fanout + roundAnswered;
            nodeSteps += roundSteps;
            transmissions += roundPushSteps * fanout + roundAnswered;
            totalMessages += roundMessages;
            sentPerNodeRoundSum += (double)roundMessages / n;
            maxSent = Math.max(maxSent, roundMaxSent);
            maxReceived = Math.max(maxReceived, roundMaxReceived);
            milestones.onRound(round, informed, n);
            sink.onRound(round, roundTimeNs, informed, active, roundMessages, roundMaxReceived, roundMaxSent);
        }
        this.sink = null;

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
     * Every node that acts makes its calls, in node order. Without loss the calls are drawn and counted in a
     * branch-free pass (whether the callee knew is a bit test whose outcome no branch waits for), and only those
     * that can change something (a push to a node that did not know, a pull from one that did, median-counter's
     * contacts) are queued and then played in the same order ({@link #settle}): the outcome is the one of
     * playing every call as it is drawn, but the cache misses of consecutive calls overlap instead of each
     * waiting behind a mispredicted branch. With loss a call's fate takes draws in the middle of the sequence, so
     * calls are played as they are drawn.
     */
    private void callAll()
    {
        final int n = nodes;
        final int[] state = this.state;
        final long[] knownNow = this.knownNow;
        final long[] calls = this.calls;
        final long[] draws = this.draws;
        final LoadCounter received = this.received;
        final DisseminationRule rule = this.rule;
        final SimRandom random = this.random;
        final int fanout = this.fanout;
        final boolean lossy = lossThreshold > 0;
        final boolean unknownSteps = unknownPushes || unknownPulls;
        final boolean pushesQueueAll = countsContacts;
        final int queueLimit = calls.length - fanout;
        int queued = 0;
        int drawn = this.drawn;
        long steps = 0;
        long pushSteps = 0;
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
            if (queued > queueLimit)
            {
                this.drawn = drawn;
                settle(queued);
                queued = 0;
            }
            for (int c = 0; c < fanout; c++)
            {
                drawn = refilled(random, draws, drawn);
                int j = SimRandom.bounded(draws[drawn++], n - 1);
                j += (j - i) >>> 31 ^ 1; // skip the caller: j >= i moves up by one
                if (lossy)
                {
                    drawn = refilled(random, draws, drawn);
                    if (SimRandom.isChance(draws[drawn++], lossThreshold))
                    {
                        continue;
                    }
                    received.add(j);
                    this.drawn = drawn;
                    call(i, callerState, pushes, j, (knownNow[j >>> 6] & (1L << j)) != 0);
                    drawn = this.drawn;
                }
                else
                {
                    received.add(j);
                    final boolean calleeKnows = (knownNow[j >>> 6] & (1L << j)) != 0;
                    calls[queued] = (long)i << 32 | j;
                    queued += (pushes ? !calleeKnows | pushesQueueAll : calleeKnows) ? 1 : 0;
                }
            }
        }
        this.drawn = drawn;
        settle(queued);
        roundSteps = steps;
        roundPushSteps = pushSteps;
    }

    /** plays the queued calls in order (their callers' words are those of the round's start) */
    private void settle(final int queued)
    {
        final long[] calls = this.calls;
        final long[] knownNow = this.knownNow;
        final int[] state = this.state;
        final DisseminationRule rule = this.rule;
        final byte[] hops = this.hops;
        final char[] answers = this.answers;
        int touched = 0;
        for (int k = 0; k < queued; k++)
        {
            // touch the words a call a few places ahead will read, so that their cache misses overlap this call's
            final int ahead = (int)calls[Math.min(k + LOOK_AHEAD, queued - 1)];
            touched += state[ahead] + hops[ahead] + answers[ahead];
            final long call = calls[k];
            final int i = (int)(call >>> 32);
            final int j = (int)call;
            final boolean knows = (knownNow[i >>> 6] & (1L << i)) != 0;
            final int callerState = knows ? state[i] : DisseminationRule.UNKNOWN;
            call(i, callerState, knows ? rule.pushes(callerState) : unknownPushes, j,
                (knownNow[j >>> 6] & (1L << j)) != 0);
        }
        this.touched += touched;
    }

    /** one call of i (in {@code callerState}, pushing or else pulling) to j, after the call itself got through */
    private void call(final int i, final int callerState, final boolean pushes, final int j, final boolean calleeKnows)
    {
        final int n = nodes;
        final int[] next = this.next;
        final long[] knownNext = this.knownNext;
        final byte[] hops = this.hops;
        final DisseminationRule rule = this.rule;
        if (pushes)
        {
            if (!calleeKnows)
            {
                if ((knownNext[j >>> 6] & (1L << j)) == 0)
                {
                    next[j] = rule.learnedState(callerState, n);
                    knownNext[j >>> 6] |= 1L << j;
                    hops[j] = (byte)Math.min(127, hops[i] + 1);
                    roundLearned++;
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
                roundAnswered++;
                if (countsContacts)
                {
                    next[j] = rule.onContact(next[j], DisseminationRule.UNKNOWN);
                }
                if (lossThreshold > 0)
                {
                    drawn = refilled(random, draws, drawn);
                    if (SimRandom.isChance(draws[drawn++], lossThreshold))
                    {
                        return;
                    }
                }
                received.add(i);
                if ((knownNext[i >>> 6] & (1L << i)) == 0)
                {
                    next[i] = rule.learnedState(calleeState, n);
                    knownNext[i >>> 6] |= 1L << i;
                    hops[i] = (byte)Math.min(127, hops[j] + 1);
                    roundLearned++;
                    if (i % sampleStride == 0)
                    {
                        sink.onLearned(roundTimeNs, i, round, hops[i], j, Channel.PULL);
                    }
                }
            }
        }
    }

    /** the position of the next draw in the block: {@code drawn}, or 0 after drawing a new block if it is used up */
    private static int refilled(final SimRandom random, final long[] draws, final int drawn)
    {
        if (drawn < draws.length)
        {
            return drawn;
        }
        random.nextLongs(draws);
        return 0;
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
        final char[] answers = this.answers;
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
                if (answers[i] != 0) // only nodes that knew at the round's start answered
                {
                    answers[i] = 0;
                }
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
