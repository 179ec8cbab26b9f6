package io.hearsay.master.results;

import io.hearsay.records.run.Json;
import io.hearsay.records.run.RunSummary;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The simulator ladder as checked in by experiments/sim-ladder.sh: {@code DIR/CELL/nEE/} with summary.json,
 * phases.csv (structured strategies) and timing.properties, one folder per cell (a configuration) and log2 N.
 */
public final class LadderData
{
    /** One run folder: one configuration at one N, many runs. */
    public static final class Point
    {
        public final String cell;
        public final int exponent;
        public final long nodes;
        final Map<String, Object> summary;
        public final List<Map<String, String>> phases;
        final Properties timing;

        Point(final String cell, final int exponent, final Map<String, Object> summary,
            final List<Map<String, String>> phases, final Properties timing)
        {
            this.cell = cell;
            this.exponent = exponent;
            this.nodes = ((Number)summary.get("nodes")).longValue();
            this.summary = summary;
            this.phases = phases;
            this.timing = timing;
        }

        /** one value per event of every run (first event only for the simulator), NaN where absent or negative rounds */
        public double[] events(final String key)
        {
            final List<Double> out = new ArrayList<>();
            for (final Object run : list(summary.get("runs")))
            {
                for (final Object e : list(((Map<?, ?>)run).get("events")))
                {
                    final double v = number(((Map<?, ?>)e).get(key));
                    out.add(key.startsWith("rounds") && v < 0 ? Double.NaN : v);
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** one value per run of the simulator's extra figures (sim_figures), NaN where absent */
        public double[] figures(final String key)
        {
            return list(summary.get("sim_figures")).stream().mapToDouble(f -> number(((Map<?, ?>)f).get(key))).toArray();
        }

        public boolean hasFigure(final String key)
        {
            final List<Object> f = list(summary.get("sim_figures"));
            return !f.isEmpty() && ((Map<?, ?>)f.get(0)).containsKey(key);
        }

        public int runs()
        {
            return list(summary.get("runs")).size();
        }

        public RunSummary.Stats stats(final String key)
        {
            return RunSummary.Stats.of(events(key));
        }

        /** measured wall and CPU milliseconds per run on this machine (timing.properties), NaN if not recorded */
        public double wallMsPerRun()
        {
            return perRun("wall_ms");
        }

        public double cpuMsPerRun()
        {
            return perRun("cpu_ms");
        }

        private double perRun(final String what)
        {
            double sum = 0;
            int n = 0;
            for (final String k : timing.stringPropertyNames())
            {
                if (k.startsWith("run.") && k.endsWith("." + what))
                {
                    sum += Double.parseDouble(timing.getProperty(k));
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /** the phases.csv rows of one phase (all runs) */
        public List<Map<String, String>> phase(final String name)
        {
            return phases.stream().filter(p -> p.get("phase").equals(name)).toList();
        }

        /** phase names in their order */
        public List<String> phaseNames()
        {
            final List<String> names = new ArrayList<>();
            phases.forEach(p ->
            {
                if (!names.contains(p.get("phase")))
                {
                    names.add(p.get("phase"));
                }
            });
            return names;
        }
    }

    /** cell name to log2 N to point, in name order */
    public final Map<String, TreeMap<Integer, Point>> cells = new TreeMap<>();
    public final Path dir;

    private LadderData(final Path dir)
    {
        this.dir = dir;
    }

    public static LadderData read(final Path dir) throws IOException
    {
        final LadderData data = new LadderData(dir);
        if (!Files.isDirectory(dir))
        {
            return data;
        }
        try (Stream<Path> cells = Files.list(dir))
        {
            for (final Path cell : cells.filter(Files::isDirectory).sorted().toList())
            {
                try (Stream<Path> sizes = Files.list(cell))
                {
                    for (final Path size : sizes.filter(p -> p.getFileName().toString().matches("n\\d+")).sorted().toList())
                    {
                        final Path summary = size.resolve("summary.json");
                        if (!Files.isRegularFile(summary))
                        {
                            continue;
                        }
                        final int e = Integer.parseInt(size.getFileName().toString().substring(1));
                        final Map<String, Object> json = Json.asObject(Json.readFile(summary), summary.toString());
                        final Properties timing = new Properties();
                        final Path t = size.resolve("timing.properties");
                        if (Files.isRegularFile(t))
                        {
                            try (Reader r = Files.newBufferedReader(t))
                            {
                                timing.load(r);
                            }
                        }
                        data.cells.computeIfAbsent(cell.getFileName().toString(), k -> new TreeMap<>())
                            .put(e, new Point(cell.getFileName().toString(), e, json, csv(size.resolve("phases.csv")), timing));
                    }
                }
            }
        }
        return data;
    }

    public TreeMap<Integer, Point> cell(final String name)
    {
        return cells.getOrDefault(name, new TreeMap<>());
    }

    static List<Map<String, String>> csv(final Path file) throws IOException
    {
        final List<Map<String, String>> rows = new ArrayList<>();
        if (!Files.isRegularFile(file))
        {
            return rows;
        }
        final List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty())
        {
            return rows;
        }
        final String[] header = lines.get(0).split(",", -1);
        for (final String line : lines.subList(1, lines.size()))
        {
            if (line.isBlank())
            {
                continue;
            }
            final String[] v = line.split(",", -1);
            final Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++)
            {
                row.put(header[i], i < v.length ? v[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    static List<Object> list(final Object o)
    {
        if (o instanceof List<?> l)
        {
            return new ArrayList<>(l);
        }
        return List.of();
    }

    static double number(final Object o)
    {
        if (o instanceof Number n)
        {
            return n.doubleValue();
        }
        if (o instanceof String s)
        {
            try
            {
                return Double.parseDouble(s);
            }
            catch (final NumberFormatException ex)
            {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
