package io.hearsay.core;

import io.hearsay.core.dissemination.StrategyKind;

/**
 * A node's protocol configuration: named profiles (LAN, WAN, LOCAL) override a few fields of the defaults,
 * {@link #conclude()} validates ranges and names the value and what is accepted. Immutable builder style:
 * setters return this; {@code conclude()} must be called before use.
 * <p>
 * Units are in the names. Scaling formulas are stated on the fields they govern.
 */
public final class NodeConfig
{
    public enum Profile
    {
        LAN, WAN, LOCAL
    }

    private String clusterName = "hearsay";
    private StrategyKind strategy = StrategyKind.PUSH_PULL;
    private TimingMode timing = TimingMode.PERIODIC;
    /** peers contacted per gossip round */
    /** largest {@code fanout} of the tree strategies (children per node) */
    public static final int MAX_TREE_FANOUT = 65_535;
    private int fanout = 1;
    /** gossip round period; memberlist LAN uses 200 ms */
    private long gossipPeriodNs = 200_000_000L;
    /** SWIM protocol period (one probe per period); memberlist LAN 1 s */
    private long probePeriodNs = 1_000_000_000L;
    /** direct probe timeout; memberlist LAN 500 ms */
    private long probeTimeoutNs = 500_000_000L;
    /** members asked to probe indirectly */
    private int indirectProbes = 3;
    /** suspicion timeout = suspicionMult * max(1, log10(N)) * probePeriod (memberlist), shortened by confirmations */
    private int suspicionMult = 4;
    /** upper bound of suspicion = suspicionMaxTimeoutMult * the lower bound (Lifeguard) */
    private int suspicionMaxTimeoutMult = 6;
    /** membership update retransmit limit = retransmitMult * ceil(log10(N + 1)) (memberlist) */
    private int retransmitMult = 4;
    /** Lifeguard local health awareness: timeouts scale by (1 + score), score in [0, awarenessMaxMultiplier - 1] */
    private int awarenessMaxMultiplier = 8;
    /** datagram byte budget (1472 = 1500 MTU - IPv4 - UDP) */
    private int packetBudgetBytes = 1472;
    /** largest application event payload */
    private int maxEventPayloadBytes = 1024;
    /** how long a rumor is kept (for digests and pull answers) after it was learned */
    private long rumorRetentionNs = 60_000_000_000L;
    /** re-contact seeds and recently dead members this often, so a healed partition re-merges */
    private long rejoinPeriodNs = 5_000_000_000L;
    /** how long a dead member is remembered (and re-contacted) before it is forgotten */
    private long deadMemberRetentionNs = 60_000_000_000L;
    /**
     * anti-entropy with one random member this often (rumor digests, and the member tables both ways, like
     * memberlist's push/pull sync: it closes the e^-retransmitLimit tail of missed membership updates); 0 disables
     */
    private long antiEntropyPeriodNs = 30_000_000_000L;
    /**
     * the most rumors a node holds at once (live ones and tombstones); beyond it new rumors are refused and counted
     * ({@link Refusal#RUMOR_STORE_FULL}); its payload slab is at most maxRetainedRumors * maxEventPayloadBytes
     */
    private int maxRetainedRumors = 65_536;
    /** the most members a node's table takes from the wire (pre-seeded and roster members are not limited) */
    private int maxMembers = 1 << 22;
    /**
     * member-table growth bound: new members admitted per probe period at most max(this, live members), so a
     * cluster can double each period while a flood of claimed members cannot; also the number of new addresses
     * being verified at once (each gets one bare ping per probe period at most)
     */
    private int memberAdmissionsPerPeriod = 1024;
    /**
     * latency-paced eager (EAGER timing, non-tree strategies): while a rumor is fresh, a node runs {@code fanout}
     * exchange lanes back to back: each starts its next PUSH_PULL when the previous one is answered or times out,
     * instead of waiting for the gossip tick. A rumor is fresh for this long after the node learned it ...
     */
    private long eagerFreshNs = 200_000_000L;
    /** ... and while this node has started fewer than this many exchanges carrying it (the cap per rumor) ... */
    private int eagerExchangesPerRumor = 16;
    /** ... and fewer than this many of their partners already knew it (loss of interest, Demers' counter) */
    private int eagerPartnersKnewPerRumor = 6;
    /** the most paced exchanges a node starts per second, all rumors together (the flood bound) */
    private int eagerExchangesPerSecond = 1_000;
    /** a paced exchange not answered within this is given up and the lane starts the next */
    private long eagerExchangeTimeoutNs = 10_000_000L;
    /** let active rumors ride on probes, acks and application data (channel PIGGYBACK); off for pure strategy runs */
    private boolean piggybackRumors = true;
    /** direct addressing: structure calls a node answers per structure round, the rest get a BUSY reply (0 = unbounded) */
    private int maxAnswers;
    private boolean concluded;

    public static NodeConfig profile(final Profile profile)
    {
        final NodeConfig config = new NodeConfig();
        switch (profile)
        {
            case LAN:
                break;
            case WAN:
                config.gossipPeriodNs = 500_000_000L;
                config.probePeriodNs = 5_000_000_000L;
                config.probeTimeoutNs = 3_000_000_000L;
                config.suspicionMult = 6;
                config.retransmitMult = 4;
                break;
            case LOCAL:
                config.gossipPeriodNs = 100_000_000L;
                config.probePeriodNs = 1_000_000_000L;
                config.probeTimeoutNs = 200_000_000L;
                config.suspicionMult = 3;
                config.retransmitMult = 2;
                config.antiEntropyPeriodNs = 5_000_000_000L;
                break;
            default:
                throw new IllegalArgumentException("unknown profile " + profile);
        }
        return config;
    }

    public static Profile parseProfile(final String name)
    {
        for (final Profile p : Profile.values())
        {
            if (p.name().equalsIgnoreCase(name))
            {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "'; accepted: lan, wan, local");
    }

    /** Validates every field; the message names the field, its value and the accepted range. */
    public NodeConfig conclude()
    {
        require(clusterName != null && !clusterName.isEmpty() && clusterName.length() <= 64, "clusterName", clusterName, "1..64 characters");
        require(fanout >= 1 && (fanout <= 64 || strategy.isTree() && fanout <= MAX_TREE_FANOUT), "fanout", fanout,
            "1..64 (1.." + MAX_TREE_FANOUT + " for tree)");
        require(gossipPeriodNs >= 1_000_000L, "gossipPeriodNs", gossipPeriodNs, ">= 1 ms");
        require(probePeriodNs >= 1_000_000L, "probePeriodNs", probePeriodNs, ">= 1 ms");
        require(probeTimeoutNs > 0 && probeTimeoutNs <= probePeriodNs, "probeTimeoutNs", probeTimeoutNs, "1 ns .. probePeriodNs");
        require(indirectProbes >= 0 && indirectProbes <= 16, "indirectProbes", indirectProbes, "0..16");
        require(suspicionMult >= 1, "suspicionMult", suspicionMult, ">= 1");
        require(suspicionMaxTimeoutMult >= 1, "suspicionMaxTimeoutMult", suspicionMaxTimeoutMult, ">= 1");
        require(retransmitMult >= 1, "retransmitMult", retransmitMult, ">= 1");
        require(awarenessMaxMultiplier >= 1, "awarenessMaxMultiplier", awarenessMaxMultiplier, ">= 1");
        require(packetBudgetBytes >= 256 && packetBudgetBytes <= 65_507, "packetBudgetBytes", packetBudgetBytes, "256..65507");
        require(maxEventPayloadBytes >= 0 && maxEventPayloadBytes <= packetBudgetBytes - 200,
            "maxEventPayloadBytes", maxEventPayloadBytes, "0..packetBudgetBytes-200");
        require(maxRetainedRumors >= 16 &&
                (long)maxRetainedRumors * Math.max(1, maxEventPayloadBytes) <= Integer.MAX_VALUE - 8,
            "maxRetainedRumors", maxRetainedRumors, "16 .. (2^31 - 9) / maxEventPayloadBytes");
        require(maxMembers >= 16, "maxMembers", maxMembers, ">= 16");
        require(memberAdmissionsPerPeriod >= 1, "memberAdmissionsPerPeriod", memberAdmissionsPerPeriod, ">= 1");
        require(maxAnswers >= 0, "maxAnswers", maxAnswers, ">= 0 (0 = unbounded)");
        require(rumorRetentionNs > 0, "rumorRetentionNs", rumorRetentionNs, "> 0");
        require(rejoinPeriodNs > 0, "rejoinPeriodNs", rejoinPeriodNs, "> 0");
        require(antiEntropyPeriodNs >= 0, "antiEntropyPeriodNs", antiEntropyPeriodNs, ">= 0 (0 disables)");
        require(eagerFreshNs >= 0, "eagerFreshNs", eagerFreshNs, ">= 0 (0: no paced exchanges)");
        require(eagerExchangesPerRumor >= 0 && eagerExchangesPerRumor <= 65_535, "eagerExchangesPerRumor",
            eagerExchangesPerRumor, "0..65535");
        require(eagerPartnersKnewPerRumor >= 1 && eagerPartnersKnewPerRumor <= 65_535, "eagerPartnersKnewPerRumor",
            eagerPartnersKnewPerRumor, "1..65535");
        require(eagerExchangesPerSecond >= 1, "eagerExchangesPerSecond", eagerExchangesPerSecond, ">= 1");
        require(eagerExchangeTimeoutNs >= 1_000L, "eagerExchangeTimeoutNs", eagerExchangeTimeoutNs, ">= 1 us");
        concluded = true;
        return this;
    }

    private static void require(final boolean ok, final String name, final Object value, final String accepted)
    {
        if (!ok)
        {
            throw new IllegalArgumentException("config " + name + " = " + value + " is out of range; accepted: " + accepted);
        }
    }

    public boolean isConcluded()
    {
        return concluded;
    }

    // fluent setters and getters
    public NodeConfig clusterName(final String v) { clusterName = v; return this; }
    public NodeConfig strategy(final StrategyKind v) { strategy = v; return this; }
    public NodeConfig timing(final TimingMode v) { timing = v; return this; }
    public NodeConfig fanout(final int v) { fanout = v; return this; }
    public NodeConfig gossipPeriodNs(final long v) { gossipPeriodNs = v; return this; }
    public NodeConfig probePeriodNs(final long v) { probePeriodNs = v; return this; }
    public NodeConfig probeTimeoutNs(final long v) { probeTimeoutNs = v; return this; }
    public NodeConfig indirectProbes(final int v) { indirectProbes = v; return this; }
    public NodeConfig suspicionMult(final int v) { suspicionMult = v; return this; }
    public NodeConfig suspicionMaxTimeoutMult(final int v) { suspicionMaxTimeoutMult = v; return this; }
    public NodeConfig retransmitMult(final int v) { retransmitMult = v; return this; }
    public NodeConfig awarenessMaxMultiplier(final int v) { awarenessMaxMultiplier = v; return this; }
    public NodeConfig packetBudgetBytes(final int v) { packetBudgetBytes = v; return this; }
    public NodeConfig maxEventPayloadBytes(final int v) { maxEventPayloadBytes = v; return this; }
    public NodeConfig rumorRetentionNs(final long v) { rumorRetentionNs = v; return this; }
    public NodeConfig rejoinPeriodNs(final long v) { rejoinPeriodNs = v; return this; }
    public NodeConfig deadMemberRetentionNs(final long v) { deadMemberRetentionNs = v; return this; }
    public NodeConfig antiEntropyPeriodNs(final long v) { antiEntropyPeriodNs = v; return this; }
    public NodeConfig piggybackRumors(final boolean v) { piggybackRumors = v; return this; }
    public NodeConfig eagerFreshNs(final long v) { eagerFreshNs = v; return this; }
    public NodeConfig eagerExchangesPerRumor(final int v) { eagerExchangesPerRumor = v; return this; }
    public NodeConfig eagerPartnersKnewPerRumor(final int v) { eagerPartnersKnewPerRumor = v; return this; }
    public NodeConfig eagerExchangesPerSecond(final int v) { eagerExchangesPerSecond = v; return this; }
    public NodeConfig eagerExchangeTimeoutNs(final long v) { eagerExchangeTimeoutNs = v; return this; }
    public NodeConfig maxRetainedRumors(final int v) { maxRetainedRumors = v; return this; }
    public NodeConfig maxMembers(final int v) { maxMembers = v; return this; }
    public NodeConfig memberAdmissionsPerPeriod(final int v) { memberAdmissionsPerPeriod = v; return this; }
    public NodeConfig maxAnswers(final int v) { maxAnswers = v; return this; }

    public String clusterName() { return clusterName; }
    public StrategyKind strategy() { return strategy; }
    public TimingMode timing() { return timing; }
    public int fanout() { return fanout; }
    public long gossipPeriodNs() { return gossipPeriodNs; }
    public long probePeriodNs() { return probePeriodNs; }
    public long probeTimeoutNs() { return probeTimeoutNs; }
    public int indirectProbes() { return indirectProbes; }
    public int suspicionMult() { return suspicionMult; }
    public int suspicionMaxTimeoutMult() { return suspicionMaxTimeoutMult; }
    public int retransmitMult() { return retransmitMult; }
    public int awarenessMaxMultiplier() { return awarenessMaxMultiplier; }
    public int packetBudgetBytes() { return packetBudgetBytes; }
    public int maxEventPayloadBytes() { return maxEventPayloadBytes; }
    public long rumorRetentionNs() { return rumorRetentionNs; }
    public long rejoinPeriodNs() { return rejoinPeriodNs; }
    public long deadMemberRetentionNs() { return deadMemberRetentionNs; }
    public long antiEntropyPeriodNs() { return antiEntropyPeriodNs; }
    public boolean piggybackRumors() { return piggybackRumors; }
    public long eagerFreshNs() { return eagerFreshNs; }
    public int eagerExchangesPerRumor() { return eagerExchangesPerRumor; }
    public int eagerPartnersKnewPerRumor() { return eagerPartnersKnewPerRumor; }
    public int eagerExchangesPerSecond() { return eagerExchangesPerSecond; }
    public long eagerExchangeTimeoutNs() { return eagerExchangeTimeoutNs; }
    public int maxRetainedRumors() { return maxRetainedRumors; }
    public int maxMembers() { return maxMembers; }
    public int memberAdmissionsPerPeriod() { return memberAdmissionsPerPeriod; }
    public int maxAnswers() { return maxAnswers; }

    /** key=value lines, for the run's recorded configuration */
    @Override
    public String toString()
    {
        return "clusterName=" + clusterName + "\nstrategy=" + strategy.cliName() + "\ntiming=" + timing.cliName() +
            "\nfanout=" + fanout + "\ngossipPeriodNs=" + gossipPeriodNs + "\nprobePeriodNs=" + probePeriodNs +
            "\nprobeTimeoutNs=" + probeTimeoutNs + "\nindirectProbes=" + indirectProbes +
            "\nsuspicionMult=" + suspicionMult + "\nsuspicionMaxTimeoutMult=" + suspicionMaxTimeoutMult +
            "\nretransmitMult=" + retransmitMult + "\nawarenessMaxMultiplier=" + awarenessMaxMultiplier +
            "\npacketBudgetBytes=" + packetBudgetBytes + "\nmaxEventPayloadBytes=" + maxEventPayloadBytes +
            "\nrumorRetentionNs=" + rumorRetentionNs + "\nrejoinPeriodNs=" + rejoinPeriodNs +
            "\ndeadMemberRetentionNs=" + deadMemberRetentionNs + "\nantiEntropyPeriodNs=" + antiEntropyPeriodNs + "\npiggybackRumors=" + piggybackRumors +
            "\nmaxRetainedRumors=" + maxRetainedRumors + "\nmaxMembers=" + maxMembers +
            "\nmemberAdmissionsPerPeriod=" + memberAdmissionsPerPeriod + "\neagerFreshNs=" + eagerFreshNs +
            "\neagerExchangesPerRumor=" + eagerExchangesPerRumor + "\neagerPartnersKnewPerRumor=" + eagerPartnersKnewPerRumor +
            "\neagerExchangesPerSecond=" + eagerExchangesPerSecond + "\neagerExchangeTimeoutNs=" + eagerExchangeTimeoutNs +
            "\nmaxAnswers=" + maxAnswers + "\n";
    }
}
