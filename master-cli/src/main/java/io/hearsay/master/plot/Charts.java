package io.hearsay.master.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Chart construction and export shared by every plot: one look, headless PNG and SVG. */
public final class Charts
{
    public static final int WIDTH = 1100;
    public static final int HEIGHT = 650;

    /** Distinct colours for series (colour-blind-friendly ordering, Okabe–Ito first). */
    public static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(153, 153, 51),
        new Color(136, 34, 85), new Color(68, 170, 153), new Color(117, 112, 179), new Color(102, 102, 102),
    };

    static final BasicStroke SOLID = new BasicStroke(2.0f);
    static final BasicStroke DASHED =
        new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);
    static final BasicStroke DOTTED =
        new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 4f}, 0f);

    private Charts()
    {
    }

    static
    {
        System.setProperty("java.awt.headless", "true");
    }

    public static XYChart xy(final String title, final String xTitle, final String yTitle)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        final var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setSeriesColors(PALETTE);
        styler.setMarkerSize(6);
        styler.setAntiAlias(true);
        styler.setErrorBarsColorSeriesColor(true);
        return chart;
    }

    public static XYSeries line(final XYChart chart, final String name, final double[] x, final double[] y,
        final Color color)
    {
        final XYSeries s = chart.addSeries(unique(chart, name), x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SOLID);
        if (color != null)
        {
            s.setLineColor(color);
        }
        return s;
    }

    public static XYSeries step(final XYChart chart, final String name, final double[] x, final double[] y,
        final Color color)
    {
        final XYSeries s = line(chart, name, x, y, color);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        return s;
    }

    public static XYSeries dashed(final XYChart chart, final String name, final double[] x, final double[] y,
        final Color color)
    {
        final XYSeries s = line(chart, name, x, y, color);
        s.setLineStyle(DASHED);
        s.setLineWidth(1.6f);
        return s;
    }

    public static XYSeries dotted(final XYChart chart, final String name, final double[] x, final double[] y,
        final Color color)
    {
        final XYSeries s = line(chart, name, x, y, color);
        s.setLineStyle(DOTTED);
        return s;
    }

    /** Points with vertical error bars (the bars are the given half-widths). */
    public static XYSeries points(final XYChart chart, final String name, final double[] x, final double[] y,
        final double[] errors, final Color color)
    {
        final String unique = unique(chart, name);
        final XYSeries s = errors == null ? chart.addSeries(unique, x, y) : chart.addSeries(unique, x, y, errors);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        if (color != null)
        {
            s.setMarkerColor(color);
            s.setLineColor(color);
        }
        return s;
    }

    /** A translucent band between lo and hi (e.g. a 95 % confidence band). */
    public static XYSeries band(final XYChart chart, final String name, final double[] x, final double[] lo,
        final double[] hi, final Color color)
    {
        final int n = x.length;
        final double[] px = new double[2 * n];
        final double[] py = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            px[i] = x[i];
            py[i] = hi[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lo[i];
        }
        final XYSeries s = chart.addSeries(unique(chart, name), px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        final Color c = color == null ? PALETTE[0] : color;
        s.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 60));
        s.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        return s;
    }

    /** xchart needs unique series names: a repeated name gets " (2)", " (3)", ... */
    static String unique(final XYChart chart, final String name)
    {
        String candidate = name;
        for (int i = 2; chart.getSeries(candidate) != null; i++)
        {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    public static Color color(final int i)
    {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    public static void savePng(final XYChart chart, final Path file) throws IOException
    {
        Files.write(file, png(chart));
    }

    public static byte[] png(final XYChart chart) throws IOException
    {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    public static void saveSvg(final XYChart chart, final Path file) throws IOException
    {
        try (OutputStream out = Files.newOutputStream(file))
        {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
    }

    /** Percent text: 0.05 -> "5%", 0.005 -> "0.5%". */
    public static String percent(final double fraction)
    {
        final double p = fraction * 100;
        return (p == Math.rint(p) ? String.valueOf((long)p) : String.format("%.3g", p)) + "%";
    }
}
