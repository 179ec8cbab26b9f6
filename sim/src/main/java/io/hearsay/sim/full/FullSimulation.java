package io.hearsay.sim.full;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.DatagramSlots;
import io.hearsay.core.EventLearned;
import io.hearsay.core.GossipNode;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.Node;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.Outbox;
import io.hearsay.core.TimingMode;
import io.hearsay.core.direct.DirectAddressing;
import io.hearsay.core.dissemination.DisseminationRule;
import io.hearsay.sim.engine.EventScheduler;
import io.hearsay.sim.engine.PeriodLoad;
import io.hearsay.sim.engine.SimRandom;
import io.hearsay.core.impair.DelayDistribution;
import io.hearsay.sim.network.SimNetwork;
import io.hearsay.sim.run.RoundSink;
import io.hearsay.sim.run.RunResult;
import io.hearsay.sim.run.Simulation;
import io.hearsay.sim.scenario.Fault;
import io.hearsay.sim.scenario.Scenario;
import io.hearsay.sim.scenario.ScenarioAction;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code full} fidelity: every node is a real {@link GossipNode} (its own member table, SWIM failure
 * detection, the strategy's rule, periodic or eager timing) driven as a {@link Node} by virtual time, its datagrams carried by
 * {@link SimNetwork}. A run first lets the cluster form (every node joins node 0) until every node sees all N
 * members, or pre-seeds every member table ({@link #preseeded}), then creates the event at a random node: that moment is time zero of every record and figure.
 * Scenario times count from it too. Node address = index + 1.
 * <p>
 * Datagram bytes wait in a slab of reusable slots (one per datagram in flight), so delivery allocates nothing.
 */
public final class FullSimulation implements Simulation
{
    private static final int WAKE = 1;
    private static final int DELIVER = 2;
    private static final int WINDOW = 3;
    private static final int ACTION = 4;
    private static final int WAKE_UP = 5;
    private static final long FORMATION_LIMIT_NS = 600_000_000_000L;
    private static final long STEP_LIMIT_NS = 1_000_000_000L;

    private final int n;
    private final NodeConfig config;
    private final DisseminationRule rule;
    private final double loss;
    private final DelayDistribution latency;
    private final Scenario scenario;
    private final int maxRounds;
    private final long periodNs;

    private Node[] nodes;
    private long[] wakeAtNs;
    private long[] bootIds;
    private DatagramSlots slots;

    private SimRandom random;
    private SimNetwork network;
    private EventScheduler scheduler;
    private PeriodLoad load;
    private RoundSink sink;
    private int sampleStride;
    private long seed;
    private boolean formed;
    private boolean preseeded;
    private long eventOrigin = -1;
    private long eventSequence = -1;
    private long startNs;
    private int windows;
    private long informedAlive;
    private long alive;
    private boolean[] informed;
    private int[] learnTimesUs;
    private int[] learnRounds;
    private int learnCount;
    private long steadyOrigin = -1;
    private long steadySequence = -1;
    private long steadyInformed;
    private long steadyLastNs;
    private int steadyMaxHops;

    public FullSimulation(
        final int nodes, final NodeConfig config, final DisseminationRule rule, final double loss,
        final DelayDistribution latency, final Scenario scenario, final int maxRounds)
    {
        this.n = nodes;
        this.config = config.isConcluded() ? config : config.conclude();
        this.rule = rule;
        this.loss = loss;
        this.latency = latency;
        this.scenario = scenario;
        this.maxRounds = maxRounds;
        this.periodNs = this.config.gossipPeriodNs();
    }

    /** a NodeConfig for the simulator: the LAN profile with the strategy, timing, fanout and period asked for */
    public static NodeConfig nodeConfig(
        final io.hearsay.core.dissemination.StrategyKind strategy, final String timing, final int fanout, final long periodMs)
    {
        return nodeConfig(NodeConfig.Profile.LAN, strategy, timing, fanout, periodMs);
    }

    /** a NodeConfig for the simulator: the profile with the strategy, timing, fanout and period asked for */
    public static NodeConfig nodeConfig(
        final NodeConfig.Profile profile, final io.hearsay.core.dissemination.StrategyKind strategy, final String timing,
        final int fanout, final long periodMs)
    {
        return NodeConfig.profile(profile).strategy(strategy)
            .timing("eager".equals(timing) ? TimingMode.EAGER : TimingMode.PERIODIC)
            .fanout(fanout).gossipPeriodNs(periodMs * 1_000_000L).conclude();
    }

    /**
     * Skip formation: every node starts knowing every member as ALIVE ({@link GossipNode#addKnownMember}), the
     * event is created at once. Without it every node joins node 0 and the run waits until all see N members.
     */
    public FullSimulation preseeded(final boolean preseeded)
    {
        this.preseeded = preseeded;
        return this;
    }

    public RunResult run(final long seed, final long sequence, final int sampleStride, final RoundSink sink)
    {
        this.seed = seed;
        this.sink = sink;
        this.sampleStride = sampleStride;
        random = new SimRandom(seed);
        network = new SimNetwork(n, latency, loss, scenario.groups());
        scheduler = new EventScheduler(Math.max(4 * periodNs, 2 * latency.typicalMaxNs()), 16 * n + 1024);
        load = new PeriodLoad(n);
        nodes = new Node[n];
        wakeAtNs = new long[n];
        bootIds = new long[n];
        slots = new DatagramSlots(1024);
        informed = new boolean[n];
        learnTimesUs = new int[n];
        learnRounds = new int[n];
        learnCount = 0;
        informedAlive = 0;
        alive = n;
        formed = false;
        eventOrigin = -1;
        steadyOrigin = -1;
        steadySequence = -1;
        windows = 0;

        for (int i = 0; i < n; i++)
        {
            start(i, 1);
        }
        if (preseeded)
        {
            final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            final long wall0 = System.nanoTime();
            final long cpu0 = threads.getCurrentThreadCpuTime();
            preseed();
            if (Boolean.getBoolean("hearsay.sim.debug"))
            {
                System.err.println("formation: pre-seeded " + n + " member tables in " +
                    (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000L + " ms CPU, " +
                    (System.nanoTime() - wall0) / 1_000_000L + " ms wall (host time)");
            }
        }
        else
        {
            formByJoining();
        }
        formed = true;
        startNs = scheduler.nowNs();
        load.reset();

        final int origin = random.nextInt(n);
        final List<ScenarioAction> actions = scenario.actions();
        for (int k = 0; k < actions.size(); k++)
        {
            scheduler.schedule(startNs + actions.get(k).atNs(), ACTION, k, 0, 0);
        }
        scheduler.schedule(startNs + periodNs, WINDOW, 1, 0, 0);
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[8]);
        payload.putLong(0, sequence);
        eventOrigin = address(origin);
        eventSequence = -1;
        eventSequence = nodes[origin].broadcast(startNs, startNs, payload, 0, 8);
        reschedule(origin);

        final long limitNs = startNs + (long)maxRounds * periodNs;
        while (informedAlive < alive && step(limitNs))
        {
            // step until everybody alive knows or time is up
        }
        onWindowEnd(windows + 1);
        if (Boolean.getBoolean("hearsay.sim.debug"))
        {
            for (int i = 0; i < n; i++)
            {
                if (!informed[i] && network.isUp(i))
                {
                    System.err.println("uninformed node " + i + " live members " + nodes[i].liveMemberCount() +
                        " round " + nodes[i].round() + " knows " + nodes[i].knowsEvent(eventOrigin, eventSequence) +
                        " received " + nodes[i].counters().messagesReceived);
                }
            }
        }

        final long t50 = threshold(0.5);
        final long t99 = threshold(0.99);
        final long t100 = informedAlive >= alive ? threshold(1.0) : -1;
        final long firstMessages = load.totalMessages();
        final long firstMaxReceived = load.maxReceived();
        final long firstMaxSent = load.maxSent();
        final Map<String, Double> figures = nodes[0] instanceof GossipNode g && g.direct() != null ?
            directFigures(limitNs) : Map.of();
        return new RunResult(
            seed, origin, sequence, n, alive, informedAlive, windows,
            roundAt(t50), roundAt(t99), roundAt(t100),
            t50 < 0 ? Double.NaN : learnTimesUs[(int)t50] / 1e3,
            t99 < 0 ? Double.NaN : learnTimesUs[(int)t99] / 1e3,
            t100 < 0 ? Double.NaN : learnTimesUs[(int)t100] / 1e3,
            (double)firstMessages / n, Double.NaN, windows == 0 ? 0 : (double)firstMessages / n / windows,
            firstMaxSent, firstMaxReceived, scheduler.processed(), figures);
    }

    /**
     * Direct addressing: the structure's state once every live node has finished the plan, then a second event at a
     * random live node on the kept structure: its steady-state cost (time, hops, peak in-degree).
     */
    private Map<String, Double> directFigures(final long limitNs)
    {
        final Map<String, Double> figures = new LinkedHashMap<>();
        final DirectAddressing first = ((GossipNode)nodes[0]).direct();
        final long builtLimitNs = scheduler.nowNs() + (long)maxRounds * periodNs;
        while (!structureBuiltEverywhere() && step(builtLimitNs))
        {
            // until every live node has finished the plan
        }
        final long settleNs = scheduler.nowNs() + 2 * periodNs;
        while (step(settleNs))
        {
            // two more rounds: members report to their leaders, leaders to their roots
        }
        final int plan = first.schedule() == null ? 0 : first.schedule().structureRounds();
        figures.put("structure_rounds", (double)plan);
        figures.put("merge_phases", first.schedule() == null ? Double.NaN : (double)first.schedule().mergePhases());
        final Map<Long, Integer> groups = new HashMap<>();
        long unclustered = 0;
        long roots = 0;
        long orphaned = 0;
        for (int i = 0; i < n; i++)
        {
            if (!network.isUp(i))
            {
                continue;
            }
            final DirectAddressing d = ((GossipNode)nodes[i]).direct();
            orphaned += nodes[i].counters().directOrphaned;
            if (d.leader() == DirectAddressing.NONE)
            {
                unclustered++;
                continue;
            }
            groups.merge(d.leader(), 1, Integer::sum);
            if (d.isLeader() && d.root() == DirectAddressing.NONE)
            {
                roots++;
            }
        }
        final int[] sizes = groups.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        figures.put("groups_after_structure", (double)sizes.length);
        figures.put("roots_after_structure", (double)roots);
        figures.put("one_group", roots == 1 ? 1.0 : 0.0);
        figures.put("unclustered_after_structure", (double)unclustered);
        figures.put("group_size_min", sizes.length == 0 ? 0.0 : sizes[0]);
        figures.put("group_size_median", sizes.length == 0 ? 0.0 : (double)sizes[sizes.length / 2]);
        figures.put("group_size_max", sizes.length == 0 ? 0.0 : sizes[sizes.length - 1]);
        figures.put("orphaned", (double)orphaned);
        figures.put("max_received_per_round_first", (double)load.maxReceived());

        // the second event, on the kept structure
        load.reset();
        int origin = random.nextInt(n);
        for (int k = 0; k < n && !network.isUp(origin); k++)
        {
            origin = (origin + 1) % n;
        }
        final long t0 = scheduler.nowNs();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[8]);
        payload.putLong(0, -1);
        steadyOrigin = address(origin);
        steadyInformed = 0;
        steadyMaxHops = 0;
        steadyLastNs = t0;
        steadySequence = -1;
        nodes[origin].broadcast(t0, t0, payload, 0, 8);
        reschedule(origin);
        final long steadyLimitNs = t0 + (long)maxRounds * periodNs;
        while (steadyInformed < alive && step(steadyLimitNs))
        {
            // until every live node knows the second event
        }
        final boolean all = steadyInformed >= alive;
        figures.put("steady_informed", (double)steadyInformed);
        figures.put("steady_ms", all ? (steadyLastNs - t0) / 1e6 : Double.NaN);
        figures.put("steady_rounds", all ? Math.ceil((steadyLastNs - t0) / (double)periodNs) : Double.NaN);
        figures.put("steady_max_hops", (double)steadyMaxHops);
        figures.put("steady_max_received", (double)load.maxReceived());
        long busy = 0;
        long maxAnswered = 0;
        for (int i = 0; i < n; i++)
        {
            busy += nodes[i].counters().directBusyReplies;
            maxAnswered = Math.max(maxAnswered, nodes[i].counters().directMaxAnsweredPerRound);
        }
        figures.put("busy_replies", (double)busy);
        figures.put("max_answered_per_round", (double)maxAnswered);
        return figures;
    }

    private boolean structureBuiltEverywhere()
    {
        for (int i = 0; i < n; i++)
        {
            if (network.isUp(i) && !((GossipNode)nodes[i]).direct().structureBuilt())
            {
                return false;
            }
        }
        return true;
    }

    /** index into the learn arrays of the k-th learner reaching this fraction of alive nodes, or -1 */
    private long threshold(final double fraction)
    {
        final long needed = Math.max(1, (long)Math.ceil(fraction * alive));
        return needed <= learnCount ? needed - 1 : -1;
    }

    private int roundAt(final long index)
    {
        if (index < 0)
        {
            return -1;
        }
        int max = 0;
        for (int k = 0; k <= index; k++)
        {
            max = Math.max(max, learnRounds[k]);
        }
        return max;
    }

    /** every node knows every other as ALIVE at its first incarnation and boot id, no datagram exchanged */
    private void preseed()
    {
        final long nowNs = scheduler.nowNs();
        for (int i = 0; i < n; i++)
        {
            final Node node = nodes[i];
            node.reserveMembers(n);
            for (int j = 0; j < n; j++)
            {
                if (j != i)
                {
                    node.addKnownMember(address(j), nodes[j].incarnation(), bootIds[j], nowNs);
                }
            }
            reschedule(i);
        }
    }

    /** every node joins node 0; returns when every node sees all N members */
    private void formByJoining()
    {
        final long[] seeds = { address(0) };
        for (int i = 1; i < n; i++)
        {
            nodes[i].join(seeds, scheduler.nowNs());
            reschedule(i);
        }
        long debugNs = 0;
        while (!everyoneSeesEveryone())
        {
            if (Boolean.getBoolean("hearsay.sim.debug") && scheduler.nowNs() >= debugNs)
            {
                int min = Integer.MAX_VALUE;
                long sum = 0;
                for (int i = 0; i < n; i++)
                {
                    min = Math.min(min, nodes[i].liveMemberCount());
                    sum += nodes[i].liveMemberCount();
                }
                System.err.println("formation t=" + scheduler.nowNs() / 1e9 + "s min=" + min + " mean=" + (double)sum / n +
                    " events=" + scheduler.processed() + " pending=" + scheduler.pending());
                debugNs += 10_000_000_000L;
            }
            if (!step(Math.min(FORMATION_LIMIT_NS, scheduler.nowNs() + STEP_LIMIT_NS)) && scheduler.nowNs() >= FORMATION_LIMIT_NS)
            {
                throw new IllegalStateException("the cluster of " + n + " did not form within " +
                    FORMATION_LIMIT_NS / 1_000_000_000L + " s of virtual time (every node seeing all members)");
            }
        }
    }

    private boolean everyoneSeesEveryone()
    {
        for (int i = 0; i < n; i++)
        {
            if (nodes[i].liveMemberCount() < n)
            {
                return false;
            }
        }
        return true;
    }

    /** processes events up to the limit; @return false when nothing is left before it */
    private boolean step(final long limitNs)
    {
        if (!scheduler.next(limitNs))
        {
            return false;
        }
        switch (scheduler.kind())
        {
            case WAKE:
                onWake(scheduler.a());
                break;
            case DELIVER:
                onDeliver(scheduler.a(), scheduler.b(), scheduler.c());
                break;
            case WINDOW:
                onWindowEnd(scheduler.a());
                break;
            case ACTION:
                onAction(scenario.actions().get(scheduler.a()));
                break;
            default:
                if (network.status(scheduler.a()) == SimNetwork.SLEEPING)
                {
                    network.status(scheduler.a(), SimNetwork.UP);
                    reschedule(scheduler.a());
                }
                break;
        }
        return true;
    }

    private void start(final int i, final long bootId)
    {
        final long self = address(i);
        bootIds[i] = bootId;
        final Outbox outbox = (to, buffer, offset, length) -> onSend(i, to, buffer, offset, length);
        nodes[i] = new GossipNode(config, self, bootId, outbox, new NodeSink(i),
            new SimRandom(SimRandom.mix(seed + 0x9E3779B97F4A7C15L * (i + 1) + bootId)), scheduler.nowNs(), rule, null);
        wakeAtNs[i] = Long.MAX_VALUE;
        reschedule(i);
    }

    private void onWake(final int i)
    {
        if (wakeAtNs[i] <= scheduler.nowNs())
        {
            wakeAtNs[i] = Long.MAX_VALUE;
        }
        if (!network.isUp(i))
        {
            return;
        }
        final long nowNs = scheduler.nowNs();
        if (nodes[i].nextDeadlineNs() - nowNs <= 0)
        {
            nodes[i].doWork(nowNs);
        }
        reschedule(i);
    }

    private void reschedule(final int i)
    {
        final long deadlineNs = nodes[i].nextDeadlineNs();
        if (deadlineNs == Long.MAX_VALUE)
        {
            return;
        }
        final long atNs = EventScheduler.ceilTick(Math.max(deadlineNs, scheduler.nowNs())) * EventScheduler.NS_PER_TICK;
        if (atNs < wakeAtNs[i])
        {
            wakeAtNs[i] = atNs;
            scheduler.schedule(atNs, WAKE, i, 0, 0);
        }
    }

    private void onSend(final int from, final long toAddress, final DirectBuffer buffer, final int offset, final int length)
    {
        final int to = (int)(toAddress - 1);
        if (formed)
        {
            load.onSent(from);
        }
        if (to < 0 || to >= n)
        {
            return;
        }
        final long delayNs = network.transmitNs(from, to, random);
        if (delayNs < 0)
        {
            return;
        }
        schedulePacket(from, to, buffer, offset, length, scheduler.nowNs() + delayNs);
        final long copyDelayNs = network.duplicateDelayNs(random);
        if (copyDelayNs >= 0)
        {
            schedulePacket(from, to, buffer, offset, length, scheduler.nowNs() + copyDelayNs);
        }
    }

    private void schedulePacket(
        final int from, final int to, final DirectBuffer buffer, final int offset, final int length, final long atNs)
    {
        scheduler.schedule(atNs, DELIVER, from, to, slots.store(buffer, offset, length));
    }

    private void onDeliver(final int from, final int to, final int slot)
    {
        if (network.isUp(to))
        {
            if (formed)
            {
                load.onReceived(to);
            }
            nodes[to].onPacket(scheduler.nowNs(), address(from), slots.view(slot), 0, slots.length(slot));
            reschedule(to);
        }
        slots.release(slot);
    }

    private void onWindowEnd(final int window)
    {
        if (!formed || window <= windows)
        {
            return;
        }
        windows = window;
        load.endPeriod();
        sink.onRound(window, scheduler.nowNs() - startNs, informedAlive, -1, load.lastMessages(), load.lastMaxReceived(), load.lastMaxSent());
        scheduler.schedule(startNs + (long)(window + 1) * periodNs, WINDOW, window + 1, 0, 0);
    }

    private void onAction(final ScenarioAction action)
    {
        final long nowNs = scheduler.nowNs();
        switch (action.fault())
        {
            case CRASH:
                for (int i = action.firstNode(); i <= action.lastNode(); i++)
                {
                    if (network.status(i) == SimNetwork.UP || network.status(i) == SimNetwork.SLEEPING)
                    {
                        down(i, SimNetwork.CRASHED);
                    }
                }
                break;
            case LEAVE:
                for (int i = action.firstNode(); i <= action.lastNode(); i++)
                {
                    if (network.isUp(i))
                    {
                        nodes[i].leave(nowNs);
                        reschedule(i);
                        down(i, SimNetwork.LEFT);
                    }
                }
                break;
            case SLEEP:
                for (int i = action.firstNode(); i <= action.lastNode(); i++)
                {
                    if (network.isUp(i))
                    {
                        network.status(i, SimNetwork.SLEEPING);
                        scheduler.schedule(nowNs + action.durationNs(), WAKE_UP, i, 0, 0);
                    }
                }
                break;
            case RESTART:
                for (int i = action.firstNode(); i <= action.lastNode(); i++)
                {
                    if (network.status(i) == SimNetwork.CRASHED || network.status(i) == SimNetwork.LEFT)
                    {
                        network.status(i, SimNetwork.UP);
                        alive++;
                        start(i, bootIds[i] + 1);
                        nodes[i].join(new long[]{ address(i == 0 ? 1 : 0) }, nowNs);
                        reschedule(i);
                    }
                }
                break;
            default:
                network.apply(action);
                break;
        }
    }

    private void down(final int i, final byte status)
    {
        if (informed[i])
        {
            informed[i] = false;
            informedAlive--;
        }
        alive--;
        network.status(i, status);
    }

    private static long address(final int index)
    {
        return index + 1L;
    }

    /** one node's sink: learn records and, after the event's creation, membership changes */
    private final class NodeSink implements CoreEventSink
    {
        private final int index;

        NodeSink(final int index)
        {
            this.index = index;
        }

        public void onEventLearned(final EventLearned event)
        {
            final long origin = event.origin();
            final long sequence = event.sequence();
            final Channel channel = event.channel();
            if (eventSequence < 0 && origin == eventOrigin && channel == Channel.ORIGIN)
            {
                eventSequence = sequence; // the origin learns it inside broadcast(), before broadcast() returns
            }
            if (steadySequence < 0 && origin == steadyOrigin && channel == Channel.ORIGIN)
            {
                steadySequence = sequence; // learned inside broadcast(), before it returns
            }
            if (origin == steadyOrigin && sequence == steadySequence)
            {
                steadyInformed++;
                steadyLastNs = event.nowNs();
                steadyMaxHops = Math.max(steadyMaxHops, event.hops());
                return;
            }
            if (origin != eventOrigin || sequence != eventSequence || informed[index])
            {
                return;
            }
            informed[index] = true;
            informedAlive++;
            final long timeNs = event.nowNs() - startNs;
            if (learnCount < learnTimesUs.length)
            {
                learnTimesUs[learnCount] = (int)Math.min(Integer.MAX_VALUE, timeNs / 1000);
                learnRounds[learnCount] = event.round();
                learnCount++;
            }
            if (channel == Channel.ORIGIN || index % sampleStride == 0)
            {
                sink.onLearned(timeNs, index, event.round(), event.hops(), event.fromAddress() - 1, channel);
            }
        }

        public void onMemberChange(
            final long nowNs, final long node, final long member, final MemberStatus status, final long incarnation)
        {
            if (formed && (index % sampleStride == 0))
            {
                sink.onMemberChange(nowNs - startNs, index, member - 1, status, incarnation);
            }
        }
    }

    static boolean isNodeFault(final Fault fault)
    {
        return fault == Fault.CRASH || fault == Fault.LEAVE || fault == Fault.SLEEP || fault == Fault.RESTART;
    }
}
