package io.hearsay.master.analysis;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Asynchronous rumor spreading on the complete graph, each node's clocks on their own random phase: the model of
 * what the daemon and the simulator's {@code full} fidelity do in periodic timing.
 * <p>
 * Every node calls {@code fanout} distinct uniformly random other nodes once per gossip period P, at a phase drawn
 * uniformly in [0, P) once per node; and, when the probe period Tp is positive, probes one random node once per Tp at
 * its own phase (SWIM: the ping and its ack carry every active rumor, so a probe is a push-pull exchange whatever the
 * strategy). A gossip call pushes (push, push-pull: the caller knows, the callee does not), pulls (pull, push-pull:
 * the callee answers a caller that lacks the rumor) or both; every message is lost with probability {@code loss};
 * message latency is taken as zero. Messages are counted as the protocol sends them: a push-pull or pull call is one
 * message and is answered (a second) when either partner knows a rumor it names (push-pull) or the callee knows it
 * (pull); a push call is one message, sent only by a node that knows the rumor; a probe is a ping and an ack.
 * <p>
 * With Poisson clocks instead of phases this is the asynchronous push&pull protocol of Acan, Collevecchio, Mehrabian
 * and Wormald (PODC 2015, arXiv 1411.0948) and Panagiotou &amp; Speidel ("Asynchronous rumor spreading on random
 * graphs", ISAAC 2013 / Algorithmica 2017, arXiv 1608.01766), whose spread time on the complete graph is
 * (1 + o(1)) ln N at unit contact rate per node; the pure-birth chain gives the exact expectations
 * {@link #poissonPushPullMs}. Periodic clocks on random phases spread alike up to about half the nodes but end
 * faster (a node's next call is at most one period away, not exponentially distributed), so Poisson clocks
 * overstate T100 by 13–19 % at N = 64 … 1024 (ANALYSIS.md). No closed form for random phases was found, so the
 * expectation is computed from {@link #runs} seeded runs of the model itself (not of the protocol code: no member
 * tables, timers, wire or latency).
 */
public final class AsyncSpreadModel
{
    /** bins per gossip period of the expected curve */
    public static final int BINS_PER_PERIOD = 20;
    /** a run that has not informed everybody after this many periods (of the longer clock) is cut */
    public static final int MAX_PERIODS = 400;
    /** node-ticks spent over all runs, about: the run count adapts to N */
    private static final double WORK_BUDGET = 3e6;

    public final String family;
    public final long nodes;
    public final int fanout;
    public final double gossipPeriodMs;
    public final double probePeriodMs;
    public final double loss;
    public final int runs;
    public final double binMs;
    /** mean informed count at the end of each bin (index 0 = time 0), after the last bin: N */
    public final double[] meanInformed;
    /** mean messages sent per node within each bin, the steady rate after a run informed everybody included */
    public final double[] meanMessagesPerNode;
    public final double t50Ms;
    public final double t99Ms;
    public final double t100Ms;
    /** mean of ⌈T100 / P⌉: the logical round of the last node to learn, as the protocol counts it */
    public final double rounds100;
    /** runs that informed every node before {@link #MAX_PERIODS} */
    public final int completed;

    private AsyncSpreadModel(
        final String family, final long nodes, final int fanout, final double gossipPeriodMs, final double probePeriodMs,
        final double loss, final int runs, final double binMs, final double[] meanInformed,
        final double[] meanMessagesPerNode, final double t50Ms, final double t99Ms, final double t100Ms,
        final double rounds100, final int completed)
    {
        this.family = family;
        this.nodes = nodes;
        this.fanout = fanout;
        this.gossipPeriodMs = gossipPeriodMs;
        this.probePeriodMs = probePeriodMs;
        this.loss = loss;
        this.runs = runs;
        this.binMs = binMs;
        this.meanInformed = meanInformed;
        this.meanMessagesPerNode = meanMessagesPerNode;
        this.t50Ms = t50Ms;
        this.t99Ms = t99Ms;
        this.t100Ms = t100Ms;
        this.rounds100 = rounds100;
        this.completed = completed;
    }

    /**
     * Runs the model.
     *
     * @param strategy       push, pull, push-pull (median-counter spreads like push-pull)
     * @param probePeriodMs  0: no probes carry rumors
     * @param seed           the same seed gives the same curve
     */
    public static AsyncSpreadModel compute(
        final String strategy, final long nodes, final int fanout, final double gossipPeriodMs,
        final double probePeriodMs, final double loss, final long seed)
    {
        if (nodes < 2 || nodes > Integer.MAX_VALUE / 2)
        {
            throw new IllegalArgumentException("model size must be 2 .. 2^30 nodes, got " + nodes);
        }
        if (!(gossipPeriodMs > 0) || probePeriodMs < 0)
        {
            throw new IllegalArgumentException("gossip period must be > 0 and probe period >= 0 ms, got " +
                gossipPeriodMs + " and " + probePeriodMs);
        }
        final String family = Theory.family(strategy);
        final int n = (int)nodes;
        final int f = Math.max(1, Math.min(fanout, n - 1));
        final double slowMs = Math.max(gossipPeriodMs, probePeriodMs);
        final double binMs = Math.min(gossipPeriodMs, probePeriodMs > 0 ? probePeriodMs : gossipPeriodMs) / BINS_PER_PERIOD;
        final int bins = (int)Math.ceil(MAX_PERIODS * slowMs / binMs) + 1;
        final int runs = (int)Math.max(4, Math.min(200, Math.round(WORK_BUDGET / (n * 10.0))));
        final double[] informedSum = new double[bins];
        final double[] messagesSum = new double[bins];
        final double[] learned = new double[bins];
        final double[] sent = new double[bins];
        final double steadyPerMs = steadyMessagesPerNodePerMs(family, f, gossipPeriodMs, probePeriodMs);
        final SplittableRandom random = new SplittableRandom(seed);
        double t50 = 0;
        double t99 = 0;
        double t100 = 0;
        double rounds100 = 0;
        int completed = 0;
        final long need50 = (long)Math.ceil(0.5 * n);
        final long need99 = (long)Math.ceil(0.99 * n);
        final boolean[] informed = new boolean[n];
        final long[] gossipOrder = new long[n];
        final long[] probeOrder = probePeriodMs > 0 ? new long[n] : null;
        final int[] peers = new int[f];
        for (int run = 0; run < runs; run++)
        {
            Arrays.fill(informed, false);
            Arrays.fill(learned, 0);
            Arrays.fill(sent, 0);
            phases(random, gossipOrder);
            if (probeOrder != null)
            {
                phases(random, probeOrder);
            }
            final int origin = random.nextInt(n);
            informed[origin] = true;
            learned[0] = 1;
            long count = 1;
            double at50 = n == 1 ? 0 : Double.NaN;
            double at99 = Double.NaN;
            double at100 = Double.NaN;
            int g = 0;
            int p = 0;
            long gCycle = 0;
            long pCycle = 0;
            final double limitMs = (bins - 1) * binMs;
            while (count < n)
            {
                final double gAt = gCycle * gossipPeriodMs + phaseMs(gossipOrder[g], gossipPeriodMs);
                final double pAt = probeOrder == null ? Double.MAX_VALUE :
                    pCycle * probePeriodMs + phaseMs(probeOrder[p], probePeriodMs);
                final double t = Math.min(gAt, pAt);
                if (t >= limitMs)
                {
                    break;
                }
                final int bin = (int)(t / binMs) + 1;
                final long before = count;
                if (gAt <= pAt)
                {
                    final int caller = (int)gossipOrder[g];
                    if (++g == n)
                    {
                        g = 0;
                        gCycle++;
                    }
                    pickPeers(random, n, caller, f, peers);
                    for (int k = 0; k < f; k++)
                    {
                        final int callee = peers[k];
                        final int messages;
                        switch (family)
                        {
                            case "push":
                                messages = informed[caller] ? 1 : 0;
                                if (informed[caller] && !informed[callee] && delivered(random, loss))
                                {
                                    informed[callee] = true;
                                    count++;
                                }
                                break;
                            case "pull":
                            {
                                final boolean callDelivered = delivered(random, loss);
                                final boolean answered = callDelivered && informed[callee];
                                messages = answered ? 2 : 1;
                                if (answered && !informed[caller] && delivered(random, loss))
                                {
                                    informed[caller] = true;
                                    count++;
                                }
                                break;
                            }
                            default:
                                count += exchange(random, loss, informed, caller, callee);
                                messages = (informed[caller] || informed[callee]) ? 2 : 1;
                                break;
                        }
                        sent[bin] += messages;
                    }
                }
                else
                {
                    final int caller = (int)probeOrder[p];
                    if (++p == n)
                    {
                        p = 0;
                        pCycle++;
                    }
                    pickPeers(random, n, caller, 1, peers);
                    count += exchange(random, loss, informed, caller, peers[0]);
                    sent[bin] += 2;
                }
                if (count > before)
                {
                    learned[bin] += count - before;
                    if (count >= need50 && Double.isNaN(at50))
                    {
                        at50 = t;
                    }
                    if (count >= need99 && Double.isNaN(at99))
                    {
                        at99 = t;
                    }
                    if (count == n)
                    {
                        at100 = t;
                    }
                }
            }
            double cumulative = 0;
            final int doneBin = Double.isNaN(at100) ? bins : (int)(at100 / binMs) + 1;
            for (int b = 0; b < bins; b++)
            {
                cumulative += learned[b];
                informedSum[b] += cumulative;
                messagesSum[b] += b > doneBin ? steadyPerMs * binMs : sent[b] / n +
                    (b == doneBin ? steadyPerMs * (b * binMs - at100) : 0);
            }
            if (!Double.isNaN(at100))
            {
                completed++;
                t50 += at50;
                t99 += at99;
                t100 += at100;
                rounds100 += Math.max(1, Math.ceil(at100 / gossipPeriodMs));
            }
        }
        for (int b = 0; b < bins; b++)
        {
            informedSum[b] /= runs;
            messagesSum[b] /= runs;
        }
        return new AsyncSpreadModel(family, nodes, f, gossipPeriodMs, probePeriodMs, loss, runs, binMs, informedSum,
            messagesSum, completed == 0 ? Double.NaN : t50 / completed, completed == 0 ? Double.NaN : t99 / completed,
            completed == 0 ? Double.NaN : t100 / completed, completed == 0 ? Double.NaN : rounds100 / completed,
            completed);
    }

    /** expected informed count at time t (ms since creation), linear between bin ends */
    public double informedAt(final double ms)
    {
        if (ms <= 0)
        {
            return meanInformed[0];
        }
        final double x = ms / binMs;
        final int b = (int)x;
        if (b + 1 >= meanInformed.length)
        {
            return meanInformed[meanInformed.length - 1];
        }
        return meanInformed[b] + (x - b) * (meanInformed[b + 1] - meanInformed[b]);
    }

    /** expected messages sent per node between a and b (ms since creation; the steady rate beyond the horizon) */
    public double messagesPerNode(final double fromMs, final double toMs)
    {
        final double steady = steadyMessagesPerNodePerMs(family, fanout, gossipPeriodMs, probePeriodMs);
        double sum = 0;
        final double a = Math.max(0, fromMs);
        final double horizon = (meanMessagesPerNode.length - 1) * binMs;
        for (int b = 1; b < meanMessagesPerNode.length; b++)
        {
            final double lo = (b - 1) * binMs;
            final double hi = b * binMs;
            final double overlap = Math.min(hi, toMs) - Math.max(lo, a);
            if (overlap > 0)
            {
                sum += meanMessagesPerNode[b] * overlap / binMs;
            }
        }
        if (toMs > horizon)
        {
            sum += steady * (toMs - Math.max(a, horizon));
        }
        return sum;
    }

    /** once everybody knows: a push-pull or pull call and its answer, a push while active, a ping and its ack */
    static double steadyMessagesPerNodePerMs(
        final String family, final int fanout, final double gossipPeriodMs, final double probePeriodMs)
    {
        final double gossip = ("push".equals(family) ? 1.0 : 2.0) * fanout / gossipPeriodMs;
        return gossip + (probePeriodMs > 0 ? 2.0 / probePeriodMs : 0);
    }

    /**
     * Expected time (ms) until k of N know, for k = 0..N, with Poisson clocks: the pure-birth chain of asynchronous
     * push-pull, rate 2λ·k(N − k)/(N − 1) from k informed, λ = calls per node per second.
     */
    public static double[] poissonPushPullMs(final long nodes, final double callsPerNodePerS)
    {
        final double[] t = new double[(int)nodes + 1];
        for (int k = 1; k < nodes; k++)
        {
            t[k + 1] = t[k] + 1000.0 * (nodes - 1) / (2 * callsPerNodePerS * k * (nodes - k));
        }
        return t;
    }

    private static int exchange(
        final SplittableRandom random, final double loss, final boolean[] informed, final int caller, final int callee)
    {
        if (!delivered(random, loss))
        {
            return 0;
        }
        if (informed[caller] && !informed[callee])
        {
            informed[callee] = true;
            return 1;
        }
        if (!informed[caller] && informed[callee] && delivered(random, loss))
        {
            informed[caller] = true;
            return 1;
        }
        return 0;
    }

    private static boolean delivered(final SplittableRandom random, final double loss)
    {
        return loss <= 0 || random.nextDouble() >= loss;
    }

    /** each node's phase as a fraction of 2^31 in the high word, its index low; sorted by phase */
    private static void phases(final SplittableRandom random, final long[] order)
    {
        for (int i = 0; i < order.length; i++)
        {
            order[i] = ((long)random.nextInt(Integer.MAX_VALUE) << 32) | i;
        }
        Arrays.sort(order);
    }

    private static double phaseMs(final long entry, final double periodMs)
    {
        return (entry >>> 32) / (double)Integer.MAX_VALUE * periodMs;
    }

    private static void pickPeers(
        final SplittableRandom random, final int n, final int self, final int count, final int[] peers)
    {
        for (int k = 0; k < count; k++)
        {
            int peer;
            boolean fresh;
            do
            {
                peer = random.nextInt(n - 1);
                peer = peer >= self ? peer + 1 : peer;
                fresh = true;
                for (int j = 0; j < k; j++)
                {
                    fresh &= peers[j] != peer;
                }
            }
            while (!fresh);
            peers[k] = peer;
        }
    }
}
