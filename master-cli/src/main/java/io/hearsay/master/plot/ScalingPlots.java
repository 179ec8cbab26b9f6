package io.hearsay.master.plot;

import io.hearsay.records.run.RunSummary;
import io.hearsay.master.analysis.AsyncSpreadModel;
import io.hearsay.master.analysis.ConfigKey;
import io.hearsay.master.analysis.ScalingFit;
import io.hearsay.master.analysis.ScalingModel;
import io.hearsay.master.analysis.SpreadTheory;
import io.hearsay.master.analysis.Theory;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A figure (T50, T99, T100, messages per node, ...) against N on a log axis: a series per configuration. */
public final class ScalingPlots
{
    private ScalingPlots()
    {
    }

    /** One configuration's data and fit for the chart. */
    public record Series(String label, ConfigKey key, ScalingFit fit)
    {
        public String strategy()
        {
            return key.strategy();
        }

        /** the simulator's rounds fidelity: synchronous rounds; anything else runs on clocks */
        boolean synchronous()
        {
            return "rounds".equals(key.fidelity()) || key.gossipPeriodMs() <= 0;
        }
    }

    /** the asynchronous model is drawn up to this N (its cost grows with N) */
    static final double MAX_MODEL_NODES = 1 << 17;
    /** the lan profile's probe period: the report's groups do not record the profile */
    static final double LAN_PROBE_PERIOD_MS = io.hearsay.core.NodeConfig.profile(
        io.hearsay.core.NodeConfig.Profile.LAN).probePeriodNs() / 1e6;

    /**
     * @param theoryAll draw the expected rounds until all know: THEORY.md's synchronous closed form for each strategy
     *                  family of the rounds fidelity, the asynchronous model's mean T100 in periods for each
     *                  configuration on clocks
     */
    public static XYChart chart(final String title, final String yTitle, final List<Series> series,
        final boolean theoryAll)
    {
        final XYChart chart = Charts.xy(title, "cluster size N (nodes, log scale)", yTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        double minN = Double.POSITIVE_INFINITY;
        double maxN = 0;
        int i = 0;
        boolean any = false;
        for (final Series s : series)
        {
            final Color color = Charts.color(i++);
            final List<double[]> pts = new ArrayList<>();
            for (final Map.Entry<Double, RunSummary.Stats> e : s.fit().points.entrySet())
            {
                final RunSummary.Stats st = e.getValue();
                if (!Double.isNaN(st.mean))
                {
                    pts.add(new double[] {e.getKey(), st.mean, Double.isNaN(st.ci95High) ? 0 : st.ci95High - st.mean});
                }
            }
            if (pts.isEmpty())
            {
                continue;
            }
            any = true;
            final double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
            final double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
            final double[] err = pts.stream().mapToDouble(p -> p[2]).toArray();
            Charts.points(chart, s.label() + " (mean, 95% CI)", x, y, err, color);
            minN = Math.min(minN, x[0]);
            maxN = Math.max(maxN, x[x.length - 1]);
            final ScalingModel best = bestSimple(s.fit());
            if (best != null && s.fit().sizes() >= 2)
            {
                final double[] c = s.fit().fits.get(best).ols.coefficients;
                final double[][] line = curve(x[0], x[x.length - 1], 60, n -> best.predict(c, n));
                Charts.dashed(chart, "fit, best by AIC: " + best.formula().replace("a + b", String.format(
                    java.util.Locale.ROOT, "%.3g + %.3g", c[0], c[1])), line[0], line[1], color);
            }
        }
        if (theoryAll && any)
        {
            final TreeSet<String> families = new TreeSet<>();
            series.stream().filter(Series::synchronous).forEach(s -> families.add(Theory.family(s.strategy())));
            for (final String family : families)
            {
                final double[][] line = curve(minN, maxN, 60, n -> Theory.expectedRoundsAll(family, (long)n));
                Charts.dotted(chart, "theory " + family + " (synchronous rounds): " +
                    Theory.expectedRoundsFormula(family), line[0], line[1], new Color(120, 120, 120));
            }
            int k = 0;
            for (final Series s : series)
            {
                final Color color = Charts.color(k++);
                if (s.synchronous() || s.fit().points.isEmpty() || s.fit().points.firstKey() > MAX_MODEL_NODES)
                {
                    continue;
                }
                final double probeMs = "dissemination".equals(s.key().fidelity()) ? 0 : LAN_PROBE_PERIOD_MS;
                final double[][] line = curve(Math.max(2, s.fit().points.firstKey()),
                    Math.min(MAX_MODEL_NODES, s.fit().points.lastKey()), 8, n -> AsyncSpreadModel.compute(
                        s.strategy(), Math.round(n), s.key().fanout(), s.key().gossipPeriodMs(), probeMs,
                        s.key().loss(), SpreadTheory.MODEL_SEED).rounds100);
                Charts.dotted(chart, "theory: asynchronous model, configured timers" +
                    (probeMs > 0 ? ", probe 1 s assumed" : "") + ", mean ⌈T100/P⌉\n" + s.label(),
                    line[0], line[1], color);
            }
        }
        if (!any)
        {
            Charts.points(chart, "no data", new double[] {1}, new double[] {0}, null, Color.GRAY);
        }
        return chart;
    }

    private static ScalingModel bestSimple(final ScalingFit fit)
    {
        final ScalingFit.ModelFit a = fit.fits.get(ScalingModel.LOG_N);
        final ScalingFit.ModelFit b = fit.fits.get(ScalingModel.LOG_LOG_N);
        if (a == null || !a.ols.solvable)
        {
            return null;
        }
        return !b.ols.solvable || a.ols.aic <= b.ols.aic ? ScalingModel.LOG_N : ScalingModel.LOG_LOG_N;
    }

    private static double[][] curve(
        final double from, final double to, final int k, final java.util.function.DoubleUnaryOperator f)
    {
        final double[] x = new double[k + 1];
        final double[] y = new double[k + 1];
        final double l0 = Math.log(from);
        final double l1 = Math.log(Math.max(to, from * 1.0001));
        for (int i = 0; i <= k; i++)
        {
            x[i] = Math.exp(l0 + (l1 - l0) * i / k);
            y[i] = f.applyAsDouble(x[i]);
        }
        return new double[][] {x, y};
    }
}
