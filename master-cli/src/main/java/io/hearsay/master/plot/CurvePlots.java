package io.hearsay.master.plot;

import io.hearsay.records.run.RunSummary;
import io.hearsay.master.analysis.FaultWindow;
import io.hearsay.master.analysis.SpreadTheory;
import io.hearsay.master.analysis.Theory;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Propagation plots of one configuration: nodes that know against time (ms) and against rounds, one line per
 * event or the mean of repeated runs with its 95 % band, with the model of what ran dashed; and the learn-latency
 * distribution.
 */
public final class CurvePlots
{
    /** Most event lines drawn one by one; beyond, only the mean and its band. */
    public static final int MAX_LINES = 12;

    private CurvePlots()
    {
    }

    /** One drawn curve. */
    public record Line(String name, double[] x, double[] y, boolean step)
    {
    }

    /** A mean curve with its 95 % band. */
    public record Band(String name, double[] x, double[] mean, double[] low, double[] high)
    {
    }

    /** "N = 1024 · push-pull · loss 5% · periodic · fan-out 1 · period 200 ms · sim". */
    public static String describe(final RunSummary config, final long nodes)
    {
        final StringBuilder sb = new StringBuilder("N = ").append(nodes);
        sb.append(" · ").append(config.strategy.isEmpty() ? "strategy ?" : config.strategy);
        sb.append(" · loss ").append(Charts.percent(config.loss));
        if (!config.timing.isEmpty())
        {
            sb.append(" · ").append(config.timing);
        }
        if (config.fanout > 0)
        {
            sb.append(" · fan-out ").append(config.fanout);
        }
        if (config.gossipPeriodMs > 0)
        {
            sb.append(" · period ").append(fmt(config.gossipPeriodMs)).append(" ms");
        }
        if (!config.source.isEmpty())
        {
            sb.append(" · ").append(config.source);
        }
        if (!config.fidelity.isEmpty())
        {
            sb.append(" (").append(config.fidelity).append(")");
        }
        return sb.toString();
    }

    static String fmt(final double v)
    {
        return v == Math.rint(v) ? String.valueOf((long)v) : String.format("%.3g", v);
    }

    public static XYChart time(
        final RunSummary config, final long nodes, final List<Line> lines, final Band band, final int maxRound,
        final SpreadTheory theory)
    {
        final XYChart chart = Charts.xy("Propagation over time: " + describe(config, nodes),
            "time since the event was created (ms)", "nodes that know the event (of " + nodes + ")");
        draw(chart, lines, band);
        if (config.gossipPeriodMs > 0)
        {
            theory(chart, config, nodes, maxRound, config.gossipPeriodMs, "ms", theory);
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax((double)nodes * 1.02);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    public static XYChart rounds(
        final RunSummary config, final long nodes, final List<Line> lines, final Band band, final int maxRound,
        final SpreadTheory theory)
    {
        final XYChart chart = Charts.xy("Propagation by round: " + describe(config, nodes),
            "gossip rounds since the event was created (logical round of first learning)",
            "nodes that know the event (of " + nodes + ")");
        draw(chart, lines, band);
        theory(chart, config, nodes, maxRound, 1.0, "rounds", theory);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax((double)nodes * 1.02);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    private static void draw(final XYChart chart, final List<Line> lines, final Band band)
    {
        if (band != null)
        {
            Charts.band(chart, "95% confidence band", band.x(), band.low(), band.high(), Charts.color(0));
            Charts.line(chart, band.name(), band.x(), band.mean(), Charts.color(0));
        }
        int i = band == null ? 0 : 1;
        for (final Line line : lines)
        {
            if (line.step())
            {
                Charts.step(chart, line.name(), line.x(), line.y(), Charts.color(i++));
            }
            else
            {
                Charts.line(chart, line.name(), line.x(), line.y(), Charts.color(i++));
            }
        }
    }

    /**
     * The model of what ran (dashed) and its expected time until all know (dotted): the synchronous mean field for
     * the simulator's rounds fidelity, else the asynchronous model at the run's measured rate; on the rounds axis a
     * period of the run is one round. serf's logistic is not drawn: it models memberlist's push gossip (fan-out 3,
     * a 200 ms interval, a retransmit limit), not these strategies.
     */
    private static void theory(
        final XYChart chart, final RunSummary config, final long nodes, final int maxRound, final double xPerRound,
        final String unit, final SpreadTheory theory)
    {
        final double expectedAll = theory.roundsAll(config, nodes);
        final Color red = new Color(170, 0, 0);
        if (theory.synchronous)
        {
            final int rounds = (int)Math.ceil(Math.max(maxRound, expectedAll) + 1);
            final double[] field = Theory.meanField(config.strategy, nodes, config.fanout, config.loss, rounds);
            final double[] fx = new double[field.length];
            final double[] fy = new double[field.length];
            for (int r = 0; r < field.length; r++)
            {
                fx[r] = r * xPerRound;
                fy[r] = field[r] * nodes;
            }
            Charts.dashed(chart, theory.label(config), fx, fy, red);
            Charts.dotted(chart, "theory: all know after " + Theory.expectedRoundsFormula(config.strategy) + " = " +
                String.format("%.1f", expectedAll) + " rounds" + ("ms".equals(unit) ? " × period" : ""),
                new double[] {expectedAll * xPerRound, expectedAll * xPerRound}, new double[] {0, nodes}, red);
            return;
        }
        final double periods = Math.max(maxRound, expectedAll) + 1;
        final int steps = (int)Math.ceil(periods * 20);
        final double[] x = new double[steps + 1];
        final double[] y = new double[steps + 1];
        for (int i = 0; i <= steps; i++)
        {
            final double round = i / 20.0;
            x[i] = round * xPerRound;
            y[i] = theory.model.informedAt(round * config.gossipPeriodMs);
        }
        Charts.dashed(chart, theory.label(config), x, y, red);
        Charts.dotted(chart, String.format("theory: all know after %.0f ms = %.1f periods (mean T100 of %d model runs)",
                theory.model.t100Ms, expectedAll, theory.model.runs),
            new double[] {expectedAll * xPerRound, expectedAll * xPerRound}, new double[] {0, nodes}, red);
    }

    /** The largest x of the chart's series so far: where its x axis ends. */
    public static double rightEdge(final XYChart chart)
    {
        double edge = 0.0;
        for (final XYSeries s : chart.getSeriesCollection())
        {
            edge = Math.max(edge, s.getXMax());
        }
        return edge;
    }

    /**
     * Shades each fault window (already on the chart's axis) as a translucent full-height band in its kind's colour,
     * named in the legend with its label and span; fixes the x axis to the range the windows were clipped to.
     */
    public static void shade(final XYChart chart, final List<FaultWindow> windows, final long nodes)
    {
        final double edge = rightEdge(chart);
        final double top = nodes * 1.02;
        for (final FaultWindow w : windows)
        {
            Charts.band(chart, "fault: " + w.label() + " (" + fmt(w.startMs()) + "–" +
                (w.healed() ? fmt(w.endMs()) + " ms)" : fmt(w.endMs()) + " ms, never healed)"),
                new double[] {w.startMs(), w.endMs()}, new double[] {0, 0}, new double[] {top, top},
                kindColor(w.kind()));
        }
        chart.getStyler().setXAxisMax(Math.max(edge, rightEdge(chart)));
    }

    /** Network faults orange, partitions purple, stopped or departed nodes grey, anything else olive. */
    static Color kindColor(final String kind)
    {
        return switch (kind)
        {
            case "loss", "loss-ge", "delay", "latency", "duplicate", "reorder", "bandwidth", "drop-in", "drop-out" ->
                new Color(230, 159, 0);
            case "partition", "partition-oneway" -> new Color(117, 112, 179);
            case "sleep", "pause", "kill", "crash", "leave" -> new Color(102, 102, 102);
            default -> new Color(153, 153, 51);
        };
    }

    /** The learn-latency distribution: latency (ms) at each percentile of the informed nodes. */
    public static XYChart latency(final RunSummary config, final long nodes, final Histogram latencyNs)
    {
        final XYChart chart = Charts.xy("Learn latency: " + describe(config, nodes),
            "percentile of informed nodes (%)", "learn latency since creation (ms)");
        final List<Double> levels = new ArrayList<>();
        for (int p = 0; p <= 980; p++)
        {
            levels.add(p / 10.0);
        }
        for (final double p : new double[] {98.5, 99, 99.5, 99.9, 99.99, 100})
        {
            levels.add(p);
        }
        final double[] x = new double[levels.size()];
        final double[] y = new double[levels.size()];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = levels.get(i);
            y[i] = (x[i] == 0 ? latencyNs.getMinValue() : latencyNs.getValueAtPercentile(x[i])) / 1e6;
        }
        Charts.line(chart, String.format("p50 %.3g ms · p90 %.3g · p99 %.3g · p99.9 %.3g · max %.3g ms",
            latencyNs.getValueAtPercentile(50) / 1e6, latencyNs.getValueAtPercentile(90) / 1e6,
            latencyNs.getValueAtPercentile(99) / 1e6, latencyNs.getValueAtPercentile(99.9) / 1e6,
            latencyNs.getMaxValue() / 1e6), x, y, Charts.color(0));
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(100.0);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }
}
