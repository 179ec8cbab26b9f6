package io.hearsay.master.analysis;

import io.hearsay.core.NodeConfig;
import io.hearsay.records.run.RunSummary;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The theory drawn over a run's curves, chosen by what ran. The simulator's {@code rounds} fidelity is the
 * synchronous random phone call model: its mean field and expected rounds ({@link Theory}). Everything else (real
 * daemons, the {@code full} and {@code dissemination} fidelities) is asynchronous: {@link AsyncSpreadModel} with each
 * node's clocks on their own phase, at the contact rate the run itself measured.
 * <p>
 * The rate: the configured timers (fan-out f per gossip period P; a probe per probe period Tp of the run's profile,
 * none in {@code dissemination}) give the model's messages per node; the run's own counters give the messages its
 * nodes sent in the same windows after the event's creation (the simulator: {@code messages_per_node} of each run
 * until all knew; daemons: the differences of consecutive NODE_STATS records of every node, for the intervals that
 * begin while the event spread). Their ratio scales both clocks (P/s, Tp/s), so a machine whose nodes ran their
 * rounds late is modelled at the rate it achieved. Without counts, in eager timing (its forwards are not periodic
 * calls, and the model of the periodic part alone is an upper bound on times), and for the {@code dissemination} fidelity (whose
 * virtual clocks are exact and which answers calls by other rules, so its counts are not the model's), the
 * configured timers are used, and the label says so.
 */
public final class SpreadTheory
{
    /** the model's seed: overlays are reproducible */
    public static final long MODEL_SEED = 1;

    public final boolean synchronous;
    public final AsyncSpreadModel model;
    /** measured messages / the model's messages in the same windows; 1 when nothing was measured */
    public final double scale;
    public final double measuredMessagesPerNode;
    public final double modelMessagesPerNode;
    public final double configuredProbePeriodMs;
    public final String profile;

    private SpreadTheory(
        final boolean synchronous, final AsyncSpreadModel model, final double scale, final double measured,
        final double predicted, final double probePeriodMs, final String profile)
    {
        this.synchronous = synchronous;
        this.model = model;
        this.scale = scale;
        this.measuredMessagesPerNode = measured;
        this.modelMessagesPerNode = predicted;
        this.configuredProbePeriodMs = probePeriodMs;
        this.profile = profile;
    }

    /** the theory for runs of one configuration; {@code nodes} as the plots count them */
    public static SpreadTheory of(final List<CollectedRun> runs, final long nodes) throws IOException
    {
        final RunSummary config = runs.get(0).configuration;
        if ("rounds".equals(config.fidelity) || config.gossipPeriodMs <= 0 || nodes < 2)
        {
            return new SpreadTheory(true, null, 1, Double.NaN, Double.NaN, 0, "");
        }
        final String profile = profileOf(runs.get(0).folder.dir(), config);
        final double probeMs = "dissemination".equals(config.fidelity) ? 0 :
            NodeConfig.profile(NodeConfig.parseProfile(profile)).probePeriodNs() / 1e6;
        final AsyncSpreadModel configured = AsyncSpreadModel.compute(
            config.strategy, nodes, config.fanout, config.gossipPeriodMs, probeMs, config.loss, MODEL_SEED);
        if ("dissemination".equals(config.fidelity) || "eager".equals(config.timing))
        {
            return new SpreadTheory(false, configured, 1, Double.NaN, Double.NaN, probeMs, profile);
        }
        double measured = 0;
        double predicted = 0;
        for (final CollectedRun run : runs)
        {
            final double[] mp = measure(run, configured);
            measured += mp[0];
            predicted += mp[1];
        }
        if (!(measured > 0) || !(predicted > 0))
        {
            return new SpreadTheory(false, configured, 1, Double.NaN, Double.NaN, probeMs, profile);
        }
        final double s = measured / predicted;
        final AsyncSpreadModel scaled = Math.abs(s - 1) < 1e-3 ? configured : AsyncSpreadModel.compute(
            config.strategy, nodes, config.fanout, config.gossipPeriodMs / s, probeMs / s, config.loss, MODEL_SEED);
        return new SpreadTheory(false, scaled, s, measured, predicted, probeMs, profile);
    }

    /** {measured messages per node, the model's in the same windows}, summed over the run's events or nodes */
    static double[] measure(final CollectedRun run, final AsyncSpreadModel model) throws IOException
    {
        double measured = 0;
        double predicted = 0;
        if ("sim".equals(run.configuration.source) && run.folder.hasSummary())
        {
            for (final RunSummary.EventSummary e : RunSummary.read(run.folder.summaryFile()).allEvents())
            {
                if (e.messagesPerNode > 0 && e.t100Ms > 0)
                {
                    measured += e.messagesPerNode;
                    predicted += model.messagesPerNode(0, e.t100Ms);
                }
            }
            return new double[] {measured, predicted};
        }
        if (run.events.isEmpty())
        {
            return new double[] {0, 0};
        }
        EventCurve first = run.events.get(0);
        for (final EventCurve e : run.events)
        {
            first = e.zeroNs() < first.zeroNs() ? e : first;
        }
        final double spreadMs = first.timeToFractionMs(1.0, run.alive());
        final double endMs = Double.isNaN(spreadMs) ? first.offsetNs(first.informed() - 1) / 1e6 : spreadMs;
        for (final CollectedRun.NodeTotals t : run.nodeTotals.values())
        {
            for (int i = 0; i + 1 < t.statsCount; i++)
            {
                final double a = (t.statsWallNs[i] - first.zeroNs()) / 1e6;
                final double b = (t.statsWallNs[i + 1] - first.zeroNs()) / 1e6;
                if (a >= 0 && a < endMs && b > a)
                {
                    measured += t.statsMessagesSent[i + 1] - t.statsMessagesSent[i];
                    predicted += model.messagesPerNode(a, b);
                }
            }
        }
        return new double[] {measured, predicted};
    }

    /** the run's timer profile (config.properties), else the default of its source: lan */
    static String profileOf(final Path dir, final RunSummary config) throws IOException
    {
        final Path file = dir.resolve(RunFolder.CONFIG);
        if (Files.isRegularFile(file))
        {
            final Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                props.load(reader);
            }
            final String p = props.getProperty("profile", "").trim();
            if (!p.isEmpty())
            {
                NodeConfig.parseProfile(p);
                return p;
            }
        }
        return "lan";
    }

    /** rounds to all know: the synchronous closed form, else the model's mean T100 in gossip periods */
    public double roundsAll(final RunSummary config, final long nodes)
    {
        return synchronous ? Theory.expectedRoundsAll(config.strategy, nodes) : model.t100Ms / config.gossipPeriodMs;
    }

    /** The legend of the model curve: model, its parameters, where the rate came from. */
    public String label(final RunSummary config)
    {
        if (synchronous)
        {
            return "theory: " + Theory.family(config.strategy) + " mean field, synchronous random phone call " +
                "(fan-out " + Math.max(1, config.fanout) + ", loss " + config.loss + ")";
        }
        final StringBuilder sb = new StringBuilder("theory: asynchronous ").append(model.family)
            .append(", each node's clocks on a random phase\nrate ")
            .append(String.format(Locale.ROOT, "%.2f gossip calls", 1000.0 * model.fanout / model.gossipPeriodMs));
        if (model.probePeriodMs > 0)
        {
            sb.append(String.format(Locale.ROOT, " + %.2f probes", 1000.0 / model.probePeriodMs));
        }
        sb.append(" per node per s\n");
        if (Double.isNaN(measuredMessagesPerNode))
        {
            sb.append("eager".equals(config.timing) ? "= the configured timers (eager sends are not periodic calls)" :
                "dissemination".equals(config.fidelity) ?
                "= the configured timers (exact in the simulator; it counts answers otherwise)" :
                "= the configured timers (the run holds no message counts)");
        }
        else
        {
            sb.append(String.format(Locale.ROOT, "= timers × %.2f (messages the run sent ÷ the model's)", scale));
        }
        if ("eager".equals(config.timing))
        {
            sb.append("\neager forwarding not modelled: an upper bound on times");
        }
        return sb.toString();
    }

    /** what summary.json records under "theory" */
    public Map<String, Object> toJson(final RunSummary config, final long nodes)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        if (synchronous)
        {
            m.put("model", "synchronous random phone call (" + Theory.family(config.strategy) + ")");
            m.put("rounds_all", Theory.expectedRoundsAll(config.strategy, nodes));
            m.put("rounds_all_formula", Theory.expectedRoundsFormula(config.strategy));
            return m;
        }
        m.put("model", "asynchronous " + model.family + ", clocks on random phases (AsyncSpreadModel)");
        m.put("gossip_calls_per_node_per_s", 1000.0 * model.fanout / model.gossipPeriodMs);
        m.put("probes_per_node_per_s", model.probePeriodMs > 0 ? 1000.0 / model.probePeriodMs : 0.0);
        m.put("profile", profile);
        m.put("rate_scale", scale);
        m.put("measured_messages_per_node", measuredMessagesPerNode);
        m.put("model_messages_per_node", modelMessagesPerNode);
        m.put("model_runs", model.runs);
        m.put("t50_ms", model.t50Ms);
        m.put("t99_ms", model.t99Ms);
        m.put("t100_ms", model.t100Ms);
        return m;
    }
}
