package io.hearsay.sim.run;

import io.hearsay.records.run.Json;
import io.hearsay.records.run.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Builds a simulation series' {@code summary.json} with the shared model ({@link RunSummary}, {@link Json}):
 * one event per run (origin, sequence = run number), under {@code runs} and also in {@code events}, and
 * {@code stats} (mean, sd, 95 % CI) of every figure. The simulator's own figures beyond the shared ones
 * (transmissions, sent load, rounds simulated, events processed) are in {@code stats} too, and per run under
 * {@code sim_figures}. Deterministic: the same results give the same bytes.
 */
public final class SummaryJsonWriter
{
    /** the simulator's figures beyond {@link RunSummary#FIGURES} */
    public static final List<Figure> SIM_FIGURES = List.of(
        new Figure("transmissions_per_node", RunResult::transmissionsPerNode),
        new Figure("mean_sent_per_node_per_round", RunResult::meanSentPerNodePerRound),
        new Figure("max_sent_per_round", r -> r.maxSentPerRound()),
        new Figure("rounds_simulated", r -> r.rounds()),
        new Figure("sim_events", r -> r.events()));

    public record Figure(String name, ToDoubleFunction<RunResult> value)
    {
    }

    private SummaryJsonWriter()
    {
    }

    public static RunSummary summary(final SimConfig config, final String runId, final List<RunResult> results)
    {
        final RunSummary summary = new RunSummary();
        summary.source = "sim";
        summary.runId = runId;
        summary.nodes = config.nodes();
        summary.processes = 1;
        summary.strategy = config.strategy();
        summary.timing = config.fidelity() == Fidelity.ROUNDS ? "rounds" : config.timing();
        summary.fanout = config.fanout();
        summary.gossipPeriodMs = config.gossipPeriodMs();
        summary.loss = config.loss();
        summary.seed = config.seed();
        summary.fidelity = config.fidelity().cliName();
        final List<Object> simFigures = new ArrayList<>();
        for (final RunResult result : results)
        {
            final RunSummary.EventSummary event = event(result);
            summary.events.add(event);
            final RunSummary.Run run = new RunSummary.Run();
            run.seed = result.seed();
            run.events.add(event(result));
            summary.runs.add(run);
            final Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("seed", result.seed());
            for (final Figure figure : SIM_FIGURES)
            {
                figures.put(figure.name(), figure.value().applyAsDouble(result));
            }
            figures.putAll(result.extraFigures());
            simFigures.add(figures);
        }
        summary.computeStats();
        final double[] values = new double[results.size()];
        for (final Figure figure : SIM_FIGURES)
        {
            for (int i = 0; i < values.length; i++)
            {
                values[i] = figure.value().applyAsDouble(results.get(i));
            }
            summary.stats.put(figure.name(), RunSummary.Stats.of(values));
        }
        for (final String name : results.isEmpty() ? List.<String>of() : results.get(0).extraFigures().keySet())
        {
            for (int i = 0; i < values.length; i++)
            {
                values[i] = results.get(i).extraFigures().getOrDefault(name, Double.NaN);
            }
            summary.stats.put(name, RunSummary.Stats.of(values));
        }
        summary.extra.put("latency", config.latency());
        summary.extra.put("until", config.untilQuiescent() ? "quiescent" : "all-informed");
        summary.extra.put("sim_figures", simFigures);
        return summary;
    }

    public static String write(final SimConfig config, final String runId, final List<RunResult> results)
    {
        return Json.writePretty(summary(config, runId, results).toJson()) + "\n";
    }

    private static RunSummary.EventSummary event(final RunResult r)
    {
        final RunSummary.EventSummary e = new RunSummary.EventSummary();
        e.origin = r.origin();
        e.sequence = r.sequence();
        e.informed = r.informed();
        e.alive = r.alive();
        e.t50Ms = r.t50Ms();
        e.t99Ms = r.t99Ms();
        e.t100Ms = r.t100Ms();
        e.rounds50 = r.rounds50();
        e.rounds99 = r.rounds99();
        e.rounds100 = r.rounds100();
        e.messagesPerNode = r.messagesPerNode();
        e.transmissionsPerNode = r.transmissionsPerNode();
        e.maxReceivedPerRound = r.maxReceivedPerRound();
        return e;
    }
}
