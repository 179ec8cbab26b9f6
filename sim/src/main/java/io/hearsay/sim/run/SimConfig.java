package io.hearsay.sim.run;

import io.hearsay.core.NodeConfig;
import io.hearsay.core.dissemination.StrategyKind;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a simulation series, with defaults; {@link #conclude()} validates and names a bad value.
 * {@link #toProperties()} is what {@code config.properties} records (in a fixed order, so equal settings give
 * equal files).
 */
public final class SimConfig
{
    /** Haeupler–Malkhi style direct addressing: the array model (rounds fidelity) or the core's (full fidelity) */
    public static final String DIRECT_ADDRESSING = "direct-addressing";
    /** direct addressing over a d-ary tree ordered by member id (--fanout d; rounds fidelity) */
    public static final String TREE = "tree";
    /** direct addressing to one hub (the tree with d = N - 1; rounds fidelity) */
    public static final String STAR = "star";
    /** full fidelity: every node joins node 0 and the run waits until every node sees all N members */
    public static final String JOIN = "join";
    /** full fidelity: every node starts knowing every member as ALIVE ({@code GossipNode.addKnownMember}) */
    public static final String PRESEEDED = "preseeded";
    /** {@code --formation auto} joins up to this many nodes (O(N^2) membership traffic) and pre-seeds above */
    public static final int JOIN_UP_TO = 1_000;

    private int nodes = 1000;
    private String strategy = StrategyKind.PUSH_PULL.cliName();
    private Fidelity fidelity = Fidelity.ROUNDS;
    private int runs = 1;
    private long seed = 1;
    private double loss = 0;
    private String latency = "constant:1ms";
    private Path scenarioFile;
    private int fanout = 1;
    private int maxAnswers;
    private long gossipPeriodMs = 200;
    private int ruleFactor;
    private int maxRounds;
    private int sampleNodes = 1000;
    private int recordAllBelow = 10_000;
    private String timing = "periodic";
    private String formation = "auto";
    private String profile = "lan";
    private boolean untilQuiescent;
    private int threads;
    private boolean killLeader;
    private Path outDir;

    public SimConfig conclude()
    {
        require(nodes >= 2, "nodes", nodes, ">= 2");
        require(runs >= 1, "runs", runs, ">= 1");
        require(loss >= 0 && loss < 1, "loss", loss, "a probability in [0, 1)");
        require(fanout >= 1 && (fanout <= 64 || TREE.equals(strategy) && (fidelity == Fidelity.ROUNDS || fanout <= NodeConfig.MAX_TREE_FANOUT)),
            "fanout", fanout, "1..64 (any d >= 1 for tree; up to " + NodeConfig.MAX_TREE_FANOUT + " in the full fidelity)");
        require(maxAnswers >= 0, "max-answers", maxAnswers, ">= 0 (0 = unbounded)");
        require(maxAnswers == 0 || !isCoreStrategy(), "max-answers", maxAnswers,
            "0 for " + strategy + " (the cap exists for " + DIRECT_ADDRESSING + ", " + TREE + ", " + STAR + ")");
        require(maxAnswers == 0 || fidelity == Fidelity.ROUNDS || fidelity == Fidelity.FULL && DIRECT_ADDRESSING.equals(strategy),
            "max-answers", maxAnswers, "0 in the " + fidelity + " fidelity for " + strategy +
            " (the cap exists in the rounds models, and in the full fidelity for " + DIRECT_ADDRESSING + ")");
        require(!killLeader || DIRECT_ADDRESSING.equals(strategy) && fidelity == Fidelity.ROUNDS, "kill-leader", killLeader,
            "only with " + DIRECT_ADDRESSING + " in the rounds fidelity (other fidelities: a scenario's kill)");
        require(gossipPeriodMs >= 1, "gossip-period-ms", gossipPeriodMs, ">= 1");
        require(ruleFactor >= 0, "rule-factor", ruleFactor, ">= 0 (0 = the strategy's default)");
        require(maxRounds >= 0, "max-rounds", maxRounds, ">= 0 (0 = automatic)");
        require(sampleNodes >= 1, "sample-nodes", sampleNodes, ">= 1");
        require(threads >= 0, "threads", threads, ">= 0 (0 = every processor)");
        require("periodic".equals(timing) || "eager".equals(timing), "timing", timing, "periodic, eager");
        require("auto".equals(formation) || PRESEEDED.equals(formation) || JOIN.equals(formation),
            "formation", formation, "auto (join up to " + JOIN_UP_TO + " nodes, preseeded above), preseeded, join");
        NodeConfig.parseProfile(profile);
        if (isCoreStrategy() || fidelity == Fidelity.FULL)
        {
            try
            {
                StrategyKind.fromCliName(strategy);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(ex.getMessage() + ", " + DIRECT_ADDRESSING + ", " + TREE + ", " + STAR);
            }
        }
        else if (fidelity != Fidelity.ROUNDS)
        {
            throw new IllegalArgumentException(
                "strategy " + strategy + " exists only in the rounds and full fidelity, not in " + fidelity);
        }
        if (maxRounds == 0)
        {
            maxRounds = 16 * (32 - Integer.numberOfLeadingZeros(nodes)) + 64;
        }
        return this;
    }

    private static void require(final boolean ok, final String name, final Object value, final String accepted)
    {
        if (!ok)
        {
            throw new IllegalArgumentException("bad " + name + " " + value + "; accepted: " + accepted);
        }
    }

    /** how a {@code full} run forms its cluster: {@value #JOIN} (every node joins node 0) or {@value #PRESEEDED} */
    public String formationResolved()
    {
        if ("auto".equals(formation))
        {
            return nodes <= JOIN_UP_TO ? JOIN : PRESEEDED;
        }
        return formation;
    }

    /** is {@link #strategy()} one of the core's strategies (not a sim-only one)? */
    public boolean isCoreStrategy()
    {
        return !DIRECT_ADDRESSING.equals(strategy) && !TREE.equals(strategy) && !STAR.equals(strategy);
    }

    public StrategyKind strategyKind()
    {
        return StrategyKind.fromCliName(strategy);
    }

    /** how often a node's per-node learn record is written: every node below {@link #recordAllBelow()}, else a sample */
    public int sampleStride()
    {
        return nodes < recordAllBelow ? 1 : Math.max(1, nodes / sampleNodes);
    }

    public Map<String, String> toProperties()
    {
        final Map<String, String> p = new LinkedHashMap<>();
        p.put("source", "sim");
        p.put("fidelity", fidelity.cliName());
        p.put("nodes", Integer.toString(nodes));
        p.put("strategy", strategy);
        p.put("timing", timing);
        p.put("runs", Integer.toString(runs));
        p.put("seed", Long.toString(seed));
        p.put("loss", Double.toString(loss));
        p.put("latency", latency);
        p.put("scenario", scenarioFile == null ? "" : scenarioFile.toString());
        p.put("fanout", Integer.toString(fanout));
        p.put("gossip_period_ms", Long.toString(gossipPeriodMs));
        p.put("rule_factor", Integer.toString(ruleFactor));
        p.put("max_rounds", Integer.toString(maxRounds));
        p.put("sample_nodes", Integer.toString(sampleNodes));
        p.put("record_all_below", Integer.toString(recordAllBelow));
        p.put("sample_stride", Integer.toString(sampleStride()));
        p.put("formation", fidelity == Fidelity.FULL ? formationResolved() : "");
        p.put("profile", profile);
        p.put("until", untilQuiescent ? "quiescent" : "all-informed");
        p.put("max_answers", Integer.toString(maxAnswers));
        if (killLeader)
        {
            p.put("kill_leader", "true");
        }
        return p;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        toProperties().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    public SimConfig nodes(final int v) { nodes = v; return this; }
    public SimConfig strategy(final String v) { strategy = v; return this; }
    public SimConfig fidelity(final Fidelity v) { fidelity = v; return this; }
    public SimConfig runs(final int v) { runs = v; return this; }
    public SimConfig seed(final long v) { seed = v; return this; }
    public SimConfig loss(final double v) { loss = v; return this; }
    public SimConfig latency(final String v) { latency = v; return this; }
    public SimConfig scenarioFile(final Path v) { scenarioFile = v; return this; }
    public SimConfig fanout(final int v) { fanout = v; return this; }
    /** calls a node answers per round in the structured strategies (0 = unbounded) */
    public SimConfig maxAnswers(final int v) { maxAnswers = v; return this; }
    public SimConfig gossipPeriodMs(final long v) { gossipPeriodMs = v; return this; }
    public SimConfig ruleFactor(final int v) { ruleFactor = v; return this; }
    public SimConfig maxRounds(final int v) { maxRounds = v; return this; }
    public SimConfig sampleNodes(final int v) { sampleNodes = v; return this; }
    public SimConfig recordAllBelow(final int v) { recordAllBelow = v; return this; }
    public SimConfig timing(final String v) { timing = v; return this; }
    public SimConfig formation(final String v) { formation = v; return this; }
    public SimConfig profile(final String v) { profile = v; return this; }
    public SimConfig outDir(final Path v) { outDir = v; return this; }
    /** keep simulating after everyone is informed, until no node spreads any more (full message cost) */
    public SimConfig untilQuiescent(final boolean v) { untilQuiescent = v; return this; }
    /**
     * Runs played at once (rounds fidelity, uniform strategies; 0 = one per processor, 1 = one after the other).
     * Not a setting of the simulation: the run folder is the same for any value, so it is not in config.properties.
     */
    public SimConfig threads(final int v) { threads = v; return this; }
    /** direct addressing, rounds: kill the root of the largest tree in the second round of the second event */
    public SimConfig killLeader(final boolean v) { killLeader = v; return this; }
    public boolean killLeader() { return killLeader; }

    public int nodes() { return nodes; }
    public String strategy() { return strategy; }
    public Fidelity fidelity() { return fidelity; }
    public int runs() { return runs; }
    public long seed() { return seed; }
    public double loss() { return loss; }
    public String latency() { return latency; }
    public Path scenarioFile() { return scenarioFile; }
    public int fanout() { return fanout; }
    public int maxAnswers() { return maxAnswers; }
    public long gossipPeriodMs() { return gossipPeriodMs; }
    public int ruleFactor() { return ruleFactor; }
    public int maxRounds() { return maxRounds; }
    public int sampleNodes() { return sampleNodes; }
    public int recordAllBelow() { return recordAllBelow; }
    public String timing() { return timing; }
    public Path outDir() { return outDir; }
    public String formation() { return formation; }
    public String profile() { return profile; }
    public boolean untilQuiescent() { return untilQuiescent; }
    public int threads() { return threads; }
}
