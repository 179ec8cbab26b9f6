package io.hearsay.sim.run;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Writes a simulation series' {@code summary.json} with the fields agreed in TEAM.md (snake_case), one entry
 * per run under {@code runs} and {@code stats} (mean, sd, 95 % CI) of every figure. Deterministic: the same
 * results give the same bytes. Not-reached figures are {@code null}.
 * (A small writer of its own until {@code io.hearsay.daemon.run.Json} is in main.)
 */
public final class SummaryJsonWriter
{
    /** the per-event figures, in output order */
    public static final List<Figure> FIGURES = List.of(
        new Figure("informed", r -> r.informed()),
        new Figure("alive", r -> r.alive()),
        new Figure("t50_ms", RunResult::t50Ms),
        new Figure("t99_ms", RunResult::t99Ms),
        new Figure("t100_ms", RunResult::t100Ms),
        new Figure("rounds50", r -> orNaN(r.rounds50())),
        new Figure("rounds99", r -> orNaN(r.rounds99())),
        new Figure("rounds100", r -> orNaN(r.rounds100())),
        new Figure("messages_per_node", RunResult::messagesPerNode),
        new Figure("transmissions_per_node", RunResult::transmissionsPerNode),
        new Figure("mean_sent_per_node_per_round", RunResult::meanSentPerNodePerRound),
        new Figure("max_sent_per_round", r -> r.maxSentPerRound()),
        new Figure("max_received_per_round", r -> r.maxReceivedPerRound()),
        new Figure("rounds_simulated", r -> r.rounds()),
        new Figure("sim_events", r -> r.events()));

    public record Figure(String name, ToDoubleFunction<RunResult> value)
    {
    }

    private SummaryJsonWriter()
    {
    }

    public static String write(final SimConfig config, final String runId, final List<RunResult> results)
    {
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("{\n");
        field(sb, 1, "source", "sim");
        field(sb, 1, "run_id", runId);
        field(sb, 1, "fidelity", config.fidelity().cliName());
        field(sb, 1, "nodes", config.nodes());
        field(sb, 1, "processes", 1);
        field(sb, 1, "strategy", config.strategy());
        field(sb, 1, "timing", config.fidelity() == Fidelity.ROUNDS ? "rounds" : config.timing());
        field(sb, 1, "fanout", config.fanout());
        field(sb, 1, "gossip_period_ms", config.gossipPeriodMs());
        field(sb, 1, "loss", config.loss());
        field(sb, 1, "latency", config.latency());
        field(sb, 1, "seed", config.seed());
        sb.append("  \"events\": [\n"); // every run's event: (origin, sequence = run number), as in logs/sim
        for (int i = 0; i < results.size(); i++)
        {
            event(sb, 2, results.get(i));
            sb.append(i + 1 < results.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n");
        field(sb, 1, "missing_nodes", 0);
        field(sb, 1, "corrupt_files", 0);
        sb.append("  \"runs\": [\n");
        for (int i = 0; i < results.size(); i++)
        {
            sb.append("    { \"seed\": ").append(results.get(i).seed()).append(", \"events\": [\n");
            event(sb, 3, results.get(i));
            sb.append("\n    ] }").append(i + 1 < results.size() ? ",\n" : "\n");
        }
        sb.append("  ],\n");
        sb.append("  \"stats\": {\n");
        final double[] values = new double[results.size()];
        for (int f = 0; f < FIGURES.size(); f++)
        {
            final Figure figure = FIGURES.get(f);
            for (int i = 0; i < values.length; i++)
            {
                values[i] = figure.value().applyAsDouble(results.get(i));
            }
            final Stats s = Stats.of(values);
            sb.append("    \"").append(figure.name()).append("\": { \"n\": ").append(s.count())
                .append(", \"mean\": ").append(number(s.mean()))
                .append(", \"sd\": ").append(number(s.sd()))
                .append(", \"ci95_low\": ").append(number(s.ci95Low()))
                .append(", \"ci95_high\": ").append(number(s.ci95High())).append(" }")
                .append(f + 1 < FIGURES.size() ? ",\n" : "\n");
        }
        sb.append("  }\n}\n");
        return sb.toString();
    }

    private static void event(final StringBuilder sb, final int depth, final RunResult r)
    {
        indent(sb, depth).append("{ \"origin\": ").append(r.origin()).append(", \"sequence\": ").append(r.sequence());
        for (final Figure figure : FIGURES)
        {
            sb.append(", \"").append(figure.name()).append("\": ").append(number(figure.value().applyAsDouble(r)));
        }
        sb.append(" }");
    }

    private static double orNaN(final int rounds)
    {
        return rounds < 0 ? Double.NaN : rounds;
    }

    static String number(final double v)
    {
        if (Double.isNaN(v) || Double.isInfinite(v))
        {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            return Long.toString((long)v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static void field(final StringBuilder sb, final int depth, final String name, final Object value)
    {
        indent(sb, depth).append('"').append(name).append("\": ");
        if (value instanceof Number)
        {
            sb.append(number(((Number)value).doubleValue()));
        }
        else
        {
            sb.append('"').append(escape(String.valueOf(value))).append('"');
        }
        sb.append(",\n");
    }

    private static StringBuilder indent(final StringBuilder sb, final int depth)
    {
        for (int i = 0; i < depth; i++)
        {
            sb.append("  ");
        }
        return sb;
    }

    static String escape(final String s)
    {
        final StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
