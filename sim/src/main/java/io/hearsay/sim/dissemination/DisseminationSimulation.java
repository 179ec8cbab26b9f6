package io.hearsay.sim.dissemination;

import io.hearsay.core.Channel;
import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.sim.engine.EventScheduler;
import io.hearsay.sim.engine.PeriodLoad;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.core.impair.DelayDistribution;
import io.hearsay.sim.network.SimNetwork;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.Simulation;
import io.hearsay.sim.scenario.Scenario;
import io.hearsay.sim.scenario.ScenarioAction;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code dissemination} fidelity: the strategy's rule alone, event-driven, over a shared global member view.
 * Every node has its own gossip timer (period P, a phase drawn per node); at each tick it ends its previous round
 * ({@code onRoundEnd}) and calls {@code fanout} peers drawn uniformly from the view (the peer sampler; nodes that
 * left gracefully are not drawn). A call carries the caller's state word: the callee learns from a push, answers
 * a pull with its own word, and, for median-counter, always replies so that both sides count the contact.
 * Datagrams go through {@link SimNetwork} (latency, loss, duplication, reordering, partitions, node faults);
 * a {@link Scenario} changes them over time.
 * <p>
 * A node that neither pushes, pulls nor counts has no timer, so a dormant node costs nothing. A record's round
 * is the global gossip period in which the node learned ({@code floor(t / P) + 1}; the origin 0), and the
 * per-round aggregates are per period. Memory: {@link #bytesPerNode(int)}.
 */
public final class DisseminationSimulation implements Simulation
{
    private static final int TICK = 1;
    private static final int CALL = 2;
    private static final int REPLY = 3;
    private static final int WINDOW = 4;
    private static final int ACTION = 5;
    private static final int WAKE = 6;
    private static final int MAX_RESAMPLES = 8;

    private final int n;
    private final DisseminationRule rule;
    private final int fanout;
    private final double loss;
    private final long periodNs;
    private final int maxRounds;
    private final DelayDistribution latency;
    private final Scenario scenario;
    private final boolean countsContacts;
    private final boolean untilQuiescent;

    private final int[] state;
    private final byte[] hops;
    private final boolean[] ticking;
    private final int[] learnTimesUs;
    private final PeriodLoad load;

    private SimRandom random;
    private SimNetwork network;
    private EventScheduler scheduler;
    private RoundSink sink;
    private int sampleStride;
    private long phaseSalt;
    private long informedAlive;
    private long alive;
    private long active;
    private int learnCount;
    private long transmissions;
    private int windows;
    private long tickingNodes;
    private long inFlight;

    public DisseminationSimulation(
        final int nodes, final DisseminationRule rule, final int fanout, final double loss, final long periodNs,
        final int maxRounds, final DelayDistribution latency, final Scenario scenario, final boolean untilQuiescent)
    {
        this.n = nodes;
        this.rule = rule;
        this.fanout = fanout;
        this.loss = loss;
        this.periodNs = periodNs;
        this.maxRounds = maxRounds;
        this.latency = latency;
        this.scenario = scenario;
        this.untilQuiescent = untilQuiescent;
        this.countsContacts = rule.kind() == StrategyKind.MEDIAN_COUNTER;
        state = new int[nodes];
        hops = new byte[nodes];
        ticking = new boolean[nodes];
        learnTimesUs = new int[nodes];
        load = new PeriodLoad(nodes);
    }

    /** heap bytes per node: state arrays, load counters, the network's status byte and the pending events */
    public static long bytesPerNode(final int fanout)
    {
        return 4 + 1 + 1 + 4 + PeriodLoad.bytesPerNode() + SimNetwork.bytesPerNode() +
            (1 + 2L * fanout) * EventScheduler.bytesPerEvent();
    }

    public RunResult run(final long seed, final long sequence, final int sampleStride, final RoundSink sink)
    {
        random = new SimRandom(seed);
        network = new SimNetwork(n, latency, loss, scenario.groups());
        final long horizonNs = Math.max(2 * periodNs, 2 * latency.typicalMaxNs());
        scheduler = new EventScheduler(horizonNs, (int)Math.min(Integer.MAX_VALUE - 8, (long)n * (1 + 2L * fanout) + 1024));
        this.sink = sink;
        this.sampleStride = sampleStride;
        Arrays.fill(state, 0);
        Arrays.fill(hops, (byte)0);
        Arrays.fill(ticking, false);
        load.reset();
        phaseSalt = random.nextLong();
        informedAlive = 0;
        alive = n;
        active = 0;
        learnCount = 0;
        transmissions = 0;
        windows = 0;
        tickingNodes = 0;
        inFlight = 0;

        final List<ScenarioAction> actions = scenario.actions();
        for (int k = 0; k < actions.size(); k++)
        {
            scheduler.schedule(actions.get(k).atNs(), ACTION, k, 0, 0);
        }
        final int origin = random.nextInt(n);
        learn(origin, rule.originState(n), origin, Channel.ORIGIN);
        if (rule.pulls(DisseminationRule.UNKNOWN))
        {
            for (int i = 0; i < n; i++)
            {
                startTicking(i);
            }
        }
        scheduler.schedule(periodNs, WINDOW, 1, 0, 0);

        final long limitNs = (long)maxRounds * periodNs;
        while ((informedAlive < alive || (untilQuiescent && (tickingNodes > 0 || inFlight > 0))) && scheduler.next(limitNs))
        {
            switch (scheduler.kind())
            {
                case TICK:
                    onTick(scheduler.a());
                    break;
                case CALL:
                    inFlight--;
                    onCall(scheduler.a(), scheduler.b(), scheduler.c());
                    break;
                case REPLY:
                    inFlight--;
                    onReply(scheduler.a(), scheduler.b(), scheduler.c());
                    break;
                case WINDOW:
                    onWindowEnd(scheduler.a());
                    break;
                case ACTION:
                    onAction(actions.get(scheduler.a()));
                    break;
                default:
                    onWake(scheduler.a());
                    break;
            }
        }
        onWindowEnd(windows + 1); // the partial last period

        long informedEnd = 0;
        for (int i = 0; i < n; i++)
        {
            if (state[i] != DisseminationRule.UNKNOWN && network.isUp(i))
            {
                informedEnd++;
            }
        }
        final long t50Us = thresholdTimeUs(alive, 0.5);
        final long t99Us = thresholdTimeUs(alive, 0.99);
        final long t100Us = thresholdTimeUs(alive, 1.0);
        return new RunResult(
            seed, origin, sequence, n, alive, informedEnd, windows,
            roundOf(t50Us), roundOf(t99Us), informedEnd == alive ? roundOf(t100Us) : -1,
            t50Us < 0 ? Double.NaN : t50Us / 1e3, t99Us < 0 ? Double.NaN : t99Us / 1e3,
            t100Us < 0 || informedEnd < alive ? Double.NaN : t100Us / 1e3,
            (double)load.totalMessages() / n, (double)transmissions / n,
            windows == 0 ? 0 : (double)load.totalMessages() / n / windows, load.maxSent(), load.maxReceived(), scheduler.processed());
    }

    private long thresholdTimeUs(final long aliveNodes, final double fraction)
    {
        final long needed = Math.max(1, (long)Math.ceil(fraction * aliveNodes));
        return needed <= learnCount ? learnTimesUs[(int)needed - 1] : -1;
    }

    private int roundOf(final long timeUs)
    {
        if (timeUs < 0)
        {
            return -1;
        }
        return timeUs == 0 ? 0 : (int)(timeUs * 1000 / periodNs) + 1;
    }

    private void onTick(final int node)
    {
        if (!network.isUp(node))
        {
            if (network.status(node) == SimNetwork.SLEEPING)
            {
                scheduler.schedule(scheduler.nowNs() + periodNs, TICK, node, 0, 0);
            }
            else
            {
                stopTicking(node);
            }
            return;
        }
        int s = state[node];
        if (s != DisseminationRule.UNKNOWN)
        {
            s = rule.onRoundEnd(s, n);
            setState(node, s);
        }
        final boolean pushes = rule.pushes(s);
        if (pushes || rule.pulls(s))
        {
            for (int f = 0; f < fanout; f++)
            {
                final int peer = samplePeer(node);
                load.onSent(node);
                if (pushes)
                {
                    transmissions++;
                }
                transmit(CALL, node, peer, s);
            }
        }
        if (needsTimer(s))
        {
            scheduler.schedule(scheduler.nowNs() + periodNs, TICK, node, 0, 0);
        }
        else
        {
            stopTicking(node);
        }
    }

    private void stopTicking(final int node)
    {
        ticking[node] = false;
        tickingNodes--;
    }

    private void onCall(final int from, final int to, final int callerState)
    {
        if (!network.isUp(to))
        {
            return;
        }
        load.onReceived(to);
        final int calleeState = state[to];
        final boolean pushed = rule.pushes(callerState);
        if (pushed)
        {
            if (calleeState == DisseminationRule.UNKNOWN)
            {
                learn(to, rule.learnedState(callerState, n), from, Channel.PUSH);
            }
            else if (countsContacts)
            {
                setState(to, rule.onContact(calleeState, callerState));
            }
        }
        final boolean answers = rule.pulls(callerState) && calleeState != DisseminationRule.UNKNOWN &&
            rule.answersPull(calleeState);
        if (answers || (countsContacts && pushed))
        {
            load.onSent(to);
            if (calleeState != DisseminationRule.UNKNOWN)
            {
                transmissions++;
            }
            transmit(REPLY, to, from, calleeState);
        }
    }

    private void onReply(final int from, final int to, final int calleeState)
    {
        if (!network.isUp(to))
        {
            return;
        }
        load.onReceived(to);
        final int callerState = state[to];
        if (callerState == DisseminationRule.UNKNOWN)
        {
            if (calleeState != DisseminationRule.UNKNOWN && rule.answersPull(calleeState))
            {
                learn(to, rule.learnedState(calleeState, n), from, Channel.PULL);
            }
        }
        else if (countsContacts)
        {
            setState(to, rule.onContact(callerState, calleeState));
        }
    }

    private void transmit(final int kind, final int from, final int to, final int word)
    {
        final long delayNs = network.transmitNs(from, to, random);
        if (delayNs < 0)
        {
            return;
        }
        final long nowNs = scheduler.nowNs();
        scheduler.schedule(nowNs + delayNs, kind, from, to, word);
        inFlight++;
        final long copyDelayNs = network.duplicateDelayNs(random);
        if (copyDelayNs >= 0)
        {
            scheduler.schedule(nowNs + copyDelayNs, kind, from, to, word);
            inFlight++;
        }
    }

    private void learn(final int node, final int newState, final int from, final Channel channel)
    {
        setState(node, newState);
        informedAlive++;
        final long nowNs = scheduler.nowNs();
        hops[node] = channel == Channel.ORIGIN ? 0 : (byte)Math.min(127, hops[from] + 1);
        if (learnCount < learnTimesUs.length)
        {
            learnTimesUs[learnCount++] = (int)Math.min(Integer.MAX_VALUE, nowNs / 1000);
        }
        if (channel == Channel.ORIGIN || node % sampleStride == 0)
        {
            final int round = channel == Channel.ORIGIN ? 0 : (int)(nowNs / periodNs) + 1;
            sink.onLearned(nowNs, node, round, hops[node], from, channel);
        }
        if (needsTimer(newState))
        {
            startTicking(node);
        }
    }

    private void startTicking(final int node)
    {
        if (ticking[node])
        {
            return;
        }
        ticking[node] = true;
        tickingNodes++;
        final long nowNs = scheduler.nowNs();
        final long phaseNs = Math.floorMod(SimRandom.mix(phaseSalt + node), periodNs / 1000) * 1000;
        long tickNs = phaseNs;
        if (tickNs <= nowNs)
        {
            tickNs += ((nowNs - phaseNs) / periodNs + 1) * periodNs;
        }
        scheduler.schedule(tickNs, TICK, node, 0, 0);
    }

    private boolean needsTimer(final int s)
    {
        return rule.pushes(s) || rule.pulls(s) || rule.isActive(s);
    }

    private int samplePeer(final int node)
    {
        int peer = 0;
        for (int attempt = 0; attempt < MAX_RESAMPLES; attempt++)
        {
            peer = random.nextInt(n - 1);
            if (peer >= node)
            {
                peer++;
            }
            if (network.status(peer) != SimNetwork.LEFT)
            {
                break;
            }
        }
        return peer;
    }

    private void setState(final int node, final int newState)
    {
        final int old = state[node];
        if (rule.isActive(old))
        {
            active--;
        }
        if (rule.isActive(newState))
        {
            active++;
        }
        state[node] = newState;
    }

    private void onWindowEnd(final int window)
    {
        if (window <= windows)
        {
            return;
        }
        windows = window;
        load.endPeriod();
        sink.onRound(window, scheduler.nowNs(), informedAlive, active, load.lastMessages(), load.lastMaxReceived(), load.lastMaxSent());
        scheduler.schedule((long)(window + 1) * periodNs, WINDOW, window + 1, 0, 0);
    }

    private void onAction(final ScenarioAction action)
    {
        switch (action.fault())
        {
            case CRASH:
            case LEAVE:
                for (int i = action.firstNode(); i <= action.lastNode(); i++)
                {
                    if (network.status(i) == SimNetwork.UP || network.status(i) == SimNetwork.SLEEPING)
                    {
                        goDown(i, action.fault() == io.hearsay.sim.scenario.Fault.CRASH ? SimNetwork.CRASHED : SimNetwork.LEFT);
                    }
                }
                break;
            case SLEEP:
                for (int i = action.firstNode(); i <= action.lastNode(); i++)
                {
                    if (network.status(i) == SimNetwork.UP)
                    {
                        network.status(i, SimNetwork.SLEEPING);
                        scheduler.schedule(scheduler.nowNs() + action.durationNs(), WAKE, i, 0, 0);
                    }
                }
                break;
            case RESTART:
                for (int i = action.firstNode(); i <= action.lastNode(); i++)
                {
                    final byte status = network.status(i);
                    if (status == SimNetwork.CRASHED || status == SimNetwork.LEFT)
                    {
                        network.status(i, SimNetwork.UP);
                        alive++;
                        if (needsTimer(DisseminationRule.UNKNOWN))
                        {
                            startTicking(i);
                        }
                    }
                }
                break;
            default:
                network.apply(action);
                break;
        }
    }

    private void goDown(final int node, final byte status)
    {
        network.status(node, status);
        alive--;
        if (state[node] != DisseminationRule.UNKNOWN)
        {
            informedAlive--;
            setState(node, DisseminationRule.UNKNOWN); // a crashed process loses its state
        }
    }

    private void onWake(final int node)
    {
        if (network.status(node) == SimNetwork.SLEEPING)
        {
            network.status(node, SimNetwork.UP);
        }
    }
}
