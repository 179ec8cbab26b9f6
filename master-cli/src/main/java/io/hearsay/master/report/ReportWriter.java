package io.hearsay.master.report;

import io.hearsay.records.run.Json;
import io.hearsay.records.run.RunSummary;
import io.hearsay.master.analysis.LeastSquares;
import io.hearsay.master.analysis.ScalingFit;
import io.hearsay.master.analysis.Verdict;
import io.hearsay.master.plot.Charts;
import io.hearsay.master.plot.ScalingPlots;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ScalingStudy} as {@code report.html} (self-contained: images inline as base64, no network),
 * {@code report.md} (next to the PNGs it shows) and {@code fits.json}.
 */
public final class ReportWriter
{
    public static final String HTML = "report.html";
    public static final String MD = "report.md";
    public static final String FITS = "fits.json";

    private ReportWriter()
    {
    }

    /** @return the files written */
    public static List<Path> write(final ScalingStudy study, final Path out) throws IOException
    {
        Files.createDirectories(out);
        final List<Path> written = new ArrayList<>();
        final Map<String, byte[]> images = new LinkedHashMap<>();
        for (final ScalingStudy.Figure figure : ScalingStudy.FIGURES)
        {
            final List<ScalingPlots.Series> series = new ArrayList<>();
            for (final ScalingStudy.Group g : study.groups)
            {
                final ScalingFit fit = g.fits.get(figure.key());
                if (fit != null)
                {
                    series.add(new ScalingPlots.Series(g.key.label(), g.key, fit));
                }
                else if (figure.key().equals("max_received_per_round"))
                {
                    final double[][] s = g.samples(figure.key());
                    series.add(new ScalingPlots.Series(g.key.label(), g.key,
                        ScalingFit.fit(figure.key(), s[0], s[1], 0, study.seed)));
                }
            }
            final XYChart chart = ScalingPlots.chart(capital(figure.title()) + " against cluster size",
                figure.title() + " (" + figure.unit() + ")", series, figure.key().equals("rounds100"));
            final byte[] png = Charts.png(chart);
            final Path file = out.resolve("scaling-" + figure.key() + ".png");
            Files.write(file, png);
            written.add(file);
            images.put(figure.key(), png);
        }
        final Path fits = out.resolve(FITS);
        Json.writeFile(fits, fitsJson(study));
        written.add(fits);
        final Path md = out.resolve(MD);
        Files.writeString(md, markdown(study), StandardCharsets.UTF_8);
        written.add(md);
        final Path html = out.resolve(HTML);
        Files.writeString(html, html(study, images), StandardCharsets.UTF_8);
        written.add(html);
        return written;
    }

    // ------------------------------------------------------------------------------------------------- fits.json

    static Map<String, Object> fitsJson(final ScalingStudy study)
    {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("generated", Instant.now().toString());
        root.put("inputs", study.inputs.stream().map(Path::toString).toList());
        root.put("grouping", Map.of("fields", io.hearsay.master.analysis.ConfigKey.FIELDS, "statement", study.groupingStatement()));
        root.put("logarithms", "base 2: log2 N and log2 log2 N");
        root.put("bootstrap", Map.of("resamples", study.bootstrap, "seed", study.seed));
        final List<Object> groups = new ArrayList<>();
        for (final ScalingStudy.Group g : study.groups)
        {
            final Map<String, Object> gj = new LinkedHashMap<>();
            gj.put("label", g.key.label());
            gj.put("source", g.key.source());
            gj.put("strategy", g.key.strategy());
            gj.put("timing", g.key.timing());
            gj.put("fanout", g.key.fanout());
            gj.put("gossip_period_ms", g.key.gossipPeriodMs());
            gj.put("loss", g.key.loss());
            gj.put("fidelity", g.key.fidelity());
            gj.put("runs", g.runs.size());
            gj.put("events", g.events());
            gj.put("sizes", new ArrayList<>(g.sizes()));
            gj.put("run_folders", g.runs.stream().map(r -> r.folder().toString()).toList());
            gj.put("verdict", g.headline);
            final Map<String, Object> figures = new LinkedHashMap<>();
            for (final Map.Entry<String, ScalingFit> e : g.fits.entrySet())
            {
                figures.put(e.getKey(), figureJson(e.getValue(), g.verdicts.get(e.getKey())));
            }
            gj.put("figures", figures);
            gj.put("peak_in_degree", g.peakInDegreeVerdict);
            groups.add(gj);
        }
        root.put("groups", groups);
        root.put("skipped", study.skipped);
        root.put("warnings", study.warnings);
        return root;
    }

    private static Map<String, Object> figureJson(final ScalingFit fit, final String verdict)
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", fit.samples);
        final List<Object> points = new ArrayList<>();
        for (final Map.Entry<Double, RunSummary.Stats> p : fit.points.entrySet())
        {
            final Map<String, Object> pj = new LinkedHashMap<>();
            pj.put("n", p.getKey());
            pj.put("samples", p.getValue().n);
            pj.putAll(p.getValue().toJson());
            points.add(pj);
        }
        m.put("points", points);
        final Map<String, Object> models = new LinkedHashMap<>();
        for (final ScalingFit.ModelFit mf : fit.fits.values())
        {
            final Map<String, Object> mj = new LinkedHashMap<>();
            mj.put("formula", mf.model.formula());
            final Map<String, Object> coefficients = new LinkedHashMap<>();
            final String[] names = mf.model.coefficientNames();
            for (int i = 0; i < names.length; i++)
            {
                final Map<String, Object> cj = new LinkedHashMap<>();
                cj.put("value", mf.ols.coefficients[i]);
                cj.put("se", mf.ols.standardErrors[i]);
                cj.put("ci95_low", mf.ols.ci95Low[i]);
                cj.put("ci95_high", mf.ols.ci95High[i]);
                cj.put("bootstrap_ci95_low", mf.bootLow[i]);
                cj.put("bootstrap_ci95_high", mf.bootHigh[i]);
                coefficients.put(names[i], cj);
            }
            mj.put("coefficients", coefficients);
            mj.put("rss", mf.ols.rss);
            mj.put("r2", mf.ols.r2);
            mj.put("aic", mf.ols.aic);
            mj.put("bic", mf.ols.bic);
            mj.put("akaike_weight", mf.akaikeWeight);
            models.put(mf.model.key(), mj);
        }
        m.put("models", models);
        m.put("best_by_aic", fit.bestByAic == null ? null : fit.bestByAic.key());
        m.put("best_by_bic", fit.bestByBic == null ? null : fit.bestByBic.key());
        m.put("delta_aic_loglog_minus_log", fit.samples > 0 ? fit.deltaAic() : Double.NaN);
        m.put("bootstrap_log_n_wins", fit.bootstrapLogNWins);
        final List<Object> ladder = new ArrayList<>();
        for (final ScalingFit.Rung r : fit.ladder)
        {
            final Map<String, Object> rj = new LinkedHashMap<>();
            rj.put("n", r.n());
            rj.put("n_squared", r.nSquared());
            rj.put("increment", r.increment());
            rj.put("ci95_low", r.ci95Low());
            rj.put("ci95_high", r.ci95High());
            rj.put("predicted_log_n", r.predictedLogN());
            rj.put("predicted_log_log_n", r.predictedLogLogN());
            ladder.add(rj);
        }
        m.put("squaring_ladder", ladder);
        m.put("growth", fit.samples > 0 ? Verdict.classify(fit).name().toLowerCase() : "no_data");
        m.put("verdict", verdict);
        return m;
    }

    // ------------------------------------------------------------------------------------------------ markdown

    static String markdown(final ScalingStudy study)
    {
        final StringBuilder md = new StringBuilder();
        md.append("# hearsay scaling report\n\n");
        md.append("Generated ").append(Instant.now()).append(" from ").append(study.runCount)
            .append(" run folder(s) under ").append(study.inputs).append(".\n\n");
        md.append(study.groupingStatement()).append("\n\n");
        md.append("Logarithms are base 2. Fits are least squares; intervals are 95 %: bootstrap percentile (")
            .append(study.bootstrap).append(" resamples, seed ").append(study.seed)
            .append(") where shown in brackets, Student t otherwise.\n\n");
        md.append("## Verdict\n\n");
        for (final ScalingStudy.Group g : study.groups)
        {
            md.append("- **").append(g.key.label()).append("** — ").append(g.headline).append('\n');
        }
        md.append('\n');
        for (final ScalingStudy.Group g : study.groups)
        {
            md.append("### ").append(g.key.label()).append("\n\n");
            md.append(g.runs.size()).append(" run(s), ").append(g.events()).append(" event(s), N = ")
                .append(g.sizes()).append(".\n\n");
            for (final String key : List.of("rounds99", "rounds100", "t99_ms", "messages_per_node", "transmissions_per_node"))
            {
                final String v = g.verdicts.get(key);
                if (v != null)
                {
                    md.append("- ").append(v).append('\n');
                }
            }
            md.append("- ").append(g.peakInDegreeVerdict).append("\n\n");
        }
        for (final ScalingStudy.Figure figure : ScalingStudy.FIGURES)
        {
            md.append("## ").append(capital(figure.title())).append("\n\n");
            md.append("![").append(figure.title()).append("](scaling-").append(figure.key()).append(".png)\n\n");
            for (final ScalingStudy.Group g : study.groups)
            {
                final ScalingFit fit = g.fits.get(figure.key());
                if (fit == null || fit.samples == 0)
                {
                    continue;
                }
                md.append("**").append(g.key.label()).append("**\n\n");
                md.append("| N | samples | mean | 95% CI |\n|---:|---:|---:|---|\n");
                for (final Map.Entry<Double, RunSummary.Stats> p : fit.points.entrySet())
                {
                    final RunSummary.Stats s = p.getValue();
                    md.append(String.format(Locale.ROOT, "| %s | %d | %.4g | %s |%n", num(p.getKey()), s.n, s.mean,
                        ci(s)));
                }
                md.append("\n| model | coefficients | R² | AIC | BIC | Akaike weight |\n|---|---|---:|---:|---:|---:|\n");
                for (final ScalingFit.ModelFit mf : fit.fits.values())
                {
                    md.append("| ").append(mf.model.formula()).append(" | ").append(coefficients(fit, mf))
                        .append(String.format(Locale.ROOT, " | %.4f | %.1f | %.1f | %.3f |%n", mf.ols.r2, mf.ols.aic,
                            mf.ols.bic, mf.akaikeWeight));
                }
                md.append('\n');
                if (!fit.ladder.isEmpty())
                {
                    md.append("| squaring ladder N → N² | increment | 95% CI | log N predicts | log log N predicts |\n")
                        .append("|---|---:|---|---:|---:|\n");
                    for (final ScalingFit.Rung r : fit.ladder)
                    {
                        md.append(String.format(Locale.ROOT, "| %s → %s | %.3g | [%.3g, %.3g] | %.3g | %.3g |%n",
                            num(r.n()), num(r.nSquared()), r.increment(), r.ci95Low(), r.ci95High(), r.predictedLogN(),
                            r.predictedLogLogN()));
                    }
                    md.append('\n');
                }
            }
        }
        notes(md, study, "## ", "- ");
        return md.toString();
    }

    private static void notes(final StringBuilder out, final ScalingStudy study, final String h, final String item)
    {
        if (!study.skipped.isEmpty())
        {
            out.append(h).append("Skipped folders\n\n");
            study.skipped.forEach(s -> out.append(item).append(s).append('\n'));
            out.append('\n');
        }
        if (!study.warnings.isEmpty())
        {
            out.append(h).append("Warnings\n\n");
            study.warnings.stream().limit(200).forEach(s -> out.append(item).append(s).append('\n'));
            if (study.warnings.size() > 200)
            {
                out.append(item).append("... ").append(study.warnings.size() - 200).append(" more\n");
            }
            out.append('\n');
        }
        out.append(h).append("How to read this\n\n");
        out.append(item).append("Theory drawn: the simulator's rounds fidelity against the synchronous random phone " +
            "call formulas; runs on clocks (daemons, the full and dissemination fidelities) against the asynchronous " +
            "model with each node's clocks on a random phase (ANALYSIS.md), whose rounds until all know are fewer.\n");
        out.append(item).append("Theory (THEORY.md): uniform push-pull needs Θ(log N) rounds (log3 N + log2 ln N); " +
            "Karp et al.'s median-counter needs O(log log N) messages per node, not rounds; O(log log N) rounds need " +
            "direct addressing and unbounded in-degree (Haeupler–Malkhi).\n");
        out.append(item).append("Growth verdicts: |ΔAIC| > 10 between a + b·log2 N and a + b·log2 log2 N is " +
            "called clear, 2–10 a lean, below 2 undecided; a slope whose 95% interval contains 0 is no measurable " +
            "growth. Under log log N the squaring-ladder increment T(N²) − T(N) is constant; under log N it doubles " +
            "at each rung.\n");
        out.append(item).append("Between N = 10 and 1e4, log2 log2 N moves only from 1.7 to 3.7: small clusters " +
            "cannot decide the question.\n");
    }

    // -------------------------------------------------------------------------------------------------- html

    static String html(final ScalingStudy study, final Map<String, byte[]> images)
    {
        final StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>hearsay scaling report" +
            "</title>\n<style>body{font-family:sans-serif;max-width:1180px;margin:2em auto;padding:0 1em;" +
            "color:#222;line-height:1.45}table{border-collapse:collapse;margin:.6em 0 1.2em}td,th{border:1px solid " +
            "#ccc;padding:.25em .6em;font-size:.92em}th{background:#f2f2f2}td.n{text-align:right}" +
            "img{max-width:100%;border:1px solid #ddd}.verdict{background:#f6f9ff;border-left:4px solid #0072b2;" +
            "padding:.5em 1em;margin:1em 0}code{background:#f4f4f4}</style></head><body>\n");
        h.append("<h1>hearsay scaling report</h1>\n<p>Generated ").append(esc(Instant.now().toString()))
            .append(" from ").append(study.runCount).append(" run folder(s) under <code>")
            .append(esc(study.inputs.toString())).append("</code>.</p>\n");
        h.append("<p>").append(esc(study.groupingStatement())).append("</p>\n");
        h.append("<p>Logarithms are base 2. Fits are least squares; intervals are 95 %: bootstrap percentile (")
            .append(study.bootstrap).append(" resamples, seed ").append(study.seed)
            .append(") where shown in brackets in verdicts, Student t in the tables.</p>\n");
        h.append("<h2>Verdict</h2>\n");
        for (final ScalingStudy.Group g : study.groups)
        {
            h.append("<div class=\"verdict\"><p><b>").append(esc(g.key.label())).append("</b> — ")
                .append(esc(g.headline)).append("</p><p>").append(g.runs.size()).append(" run(s), ")
                .append(g.events()).append(" event(s), N = ").append(esc(g.sizes().toString())).append(".</p><ul>");
            for (final String key : List.of("rounds99", "rounds100", "t99_ms", "messages_per_node", "transmissions_per_node"))
            {
                final String v = g.verdicts.get(key);
                if (v != null)
                {
                    h.append("<li>").append(esc(v)).append("</li>");
                }
            }
            h.append("<li>").append(esc(g.peakInDegreeVerdict)).append("</li></ul></div>\n");
        }
        for (final ScalingStudy.Figure figure : ScalingStudy.FIGURES)
        {
            h.append("<h2>").append(esc(capital(figure.title()))).append("</h2>\n");
            h.append("<img alt=\"").append(esc(figure.title())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(images.get(figure.key()))).append("\">\n");
            for (final ScalingStudy.Group g : study.groups)
            {
                final ScalingFit fit = g.fits.get(figure.key());
                if (fit == null || fit.samples == 0)
                {
                    continue;
                }
                h.append("<h4>").append(esc(g.key.label())).append("</h4>\n<table><tr><th>N</th><th>samples</th>" +
                    "<th>mean</th><th>95% CI</th></tr>\n");
                for (final Map.Entry<Double, RunSummary.Stats> p : fit.points.entrySet())
                {
                    final RunSummary.Stats s = p.getValue();
                    h.append(String.format(Locale.ROOT, "<tr><td class=n>%s</td><td class=n>%d</td><td class=n>%.4g" +
                        "</td><td>%s</td></tr>%n", num(p.getKey()), s.n, s.mean, esc(ci(s))));
                }
                h.append("</table>\n<table><tr><th>model</th><th>coefficients</th><th>R²</th><th>AIC</th>" +
                    "<th>BIC</th><th>Akaike weight</th></tr>\n");
                for (final ScalingFit.ModelFit mf : fit.fits.values())
                {
                    h.append("<tr><td>").append(esc(mf.model.formula())).append("</td><td>")
                        .append(esc(coefficients(fit, mf))).append(String.format(Locale.ROOT,
                            "</td><td class=n>%.4f</td><td class=n>%.1f</td><td class=n>%.1f</td><td class=n>%.3f" +
                            "</td></tr>%n", mf.ols.r2, mf.ols.aic, mf.ols.bic, mf.akaikeWeight));
                }
                h.append("</table>\n");
                if (!fit.ladder.isEmpty())
                {
                    h.append("<table><tr><th>squaring ladder N → N²</th><th>increment</th><th>95% CI</th>" +
                        "<th>log N predicts</th><th>log log N predicts</th></tr>\n");
                    for (final ScalingFit.Rung r : fit.ladder)
                    {
                        h.append(String.format(Locale.ROOT, "<tr><td>%s → %s</td><td class=n>%.3g</td>" +
                            "<td>[%.3g, %.3g]</td><td class=n>%.3g</td><td class=n>%.3g</td></tr>%n", num(r.n()),
                            num(r.nSquared()), r.increment(), r.ci95Low(), r.ci95High(), r.predictedLogN(),
                            r.predictedLogLogN()));
                    }
                    h.append("</table>\n");
                }
            }
        }
        final StringBuilder notes = new StringBuilder();
        notes(notes, study, "\u0000", "\u0001");
        for (final String line : notes.toString().split("\n"))
        {
            if (line.startsWith("\u0000"))
            {
                h.append("<h2>").append(esc(line.substring(1))).append("</h2>\n");
            }
            else if (line.startsWith("\u0001"))
            {
                h.append("<p>• ").append(esc(line.substring(1))).append("</p>\n");
            }
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    // ------------------------------------------------------------------------------------------------- helpers

    static String coefficients(final ScalingFit fit, final ScalingFit.ModelFit mf)
    {
        final String[] names = mf.model.coefficientNames();
        final StringBuilder sb = new StringBuilder();
        final LeastSquares.Result r = mf.ols;
        for (int i = 0; i < names.length; i++)
        {
            if (i > 0)
            {
                sb.append("; ");
            }
            sb.append(names[i]).append(" = ").append(Verdict.coefficient(fit, mf.model, i));
        }
        return r.solvable ? sb.toString() : "not solvable (too few distinct N)";
    }

    static String ci(final RunSummary.Stats s)
    {
        return Double.isNaN(s.ci95Low) ? "—" : String.format(Locale.ROOT, "[%.4g, %.4g]", s.ci95Low, s.ci95High);
    }

    static String num(final double v)
    {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long)v) : String.valueOf(v);
    }

    static String capital(final String s)
    {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String esc(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
