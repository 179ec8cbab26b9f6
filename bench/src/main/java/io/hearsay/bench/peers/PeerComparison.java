package io.hearsay.bench.peers;

import io.hearsay.bench.macro.Conditions;
import io.hearsay.master.JvmFlags;
import io.hearsay.master.plot.Charts;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * hearsay beside the JVM gossip libraries people choose instead, in one run: for every N, trial after trial, each
 * system in turn (interleaved, so load on a shared machine falls on all alike), each trial a fresh JVM of its own
 * with the same settings ({@link TrialSettings}: interval, fan-out, probe interval and timeout, ping-request
 * members, suspicion multiplier). Writes {@code trials.csv}, {@code events.csv}, {@code config.txt} (each system's
 * configuration as applied), {@code comparison.md} (medians and the ratios hearsay ÷ peer) and
 * {@code time-to-all.png} into {@code --out}.
 * <p>
 * Usage (from the repository root, after {@code mvn -pl bench -am package}):
 * {@code java -cp bench/target/benchmarks.jar io.hearsay.bench.peers.PeerComparison --nodes 16,64 --trials 3
 * --out bench/results/peers}; {@code bench/macro.sh peers} does that. {@code --quick} is the CI-sized form.
 */
public final class PeerComparison
{
    private static final String ACCEPTED = "--nodes 16,64 (each 2..64 for scalecube in one JVM), --trials T (1..50), " +
        "--systems hearsay-periodic,hearsay-eager,scalecube, --events E, --idle-s S, --crash-s S, --seed S, --out DIR, --quick";
    /** ScaleCube opens a TCP connection per member pair it talks to: in one JVM N members may hold 2·N·(N−1)
     *  descriptors, and the open-file limit here is 20,000 (BUILD-NOTES.md) */
    static final int SCALECUBE_MAX_NODES_ONE_JVM = 64;

    private PeerComparison()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        int[] sizes = {16, 64};
        int trials = 3;
        List<String> systems = List.of("hearsay-periodic", "hearsay-eager", "scalecube");
        final TrialSettings base = new TrialSettings();
        Path out = Path.of("bench/results/peers");
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                final String name = args[i];
                if ("--quick".equals(name))
                {
                    sizes = new int[]{16};
                    trials = 1;
                    base.events = 3;
                    base.idleS = 3;
                    base.crashS = 60;
                    continue;
                }
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException(name + " needs a value; accepted: " + ACCEPTED);
                }
                final String value = args[++i];
                switch (name)
                {
                    case "--nodes" -> sizes = Arrays.stream(value.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
                    case "--trials" -> trials = Integer.parseInt(value);
                    case "--systems" -> systems = List.of(value.split(","));
                    case "--events" -> base.events = Integer.parseInt(value);
                    case "--idle-s" -> base.idleS = Integer.parseInt(value);
                    case "--crash-s" -> base.crashS = Integer.parseInt(value);
                    case "--seed" -> base.seed = Long.parseLong(value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name + "; accepted: " + ACCEPTED);
                }
            }
            if (trials < 1 || trials > 50)
            {
                throw new IllegalArgumentException("--trials " + trials + ": accepted 1..50");
            }
            for (final String system : systems)
            {
                if (!List.of("hearsay-periodic", "hearsay-eager", "scalecube").contains(system))
                {
                    throw new IllegalArgumentException("--systems: unknown system " + system +
                        "; accepted hearsay-periodic, hearsay-eager, scalecube");
                }
            }
            for (final int n : sizes)
            {
                if (n < 2 || (systems.contains("scalecube") && n > SCALECUBE_MAX_NODES_ONE_JVM))
                {
                    throw new IllegalArgumentException("--nodes " + n + ": accepted 2.." + SCALECUBE_MAX_NODES_ONE_JVM +
                        " with scalecube (one JVM: up to 2·N·(N−1) = " + (2L * n * (n - 1)) +
                        " TCP descriptors against this machine's 20,000 open files; sharding over JVMs is not built yet)");
                }
            }
        }
        catch (final NumberFormatException ex)
        {
            System.err.println("peers: not a number (" + ex.getMessage() + "); accepted: " + ACCEPTED);
            System.exit(2);
            return;
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("peers: " + ex.getMessage());
            System.exit(2);
            return;
        }
        run(sizes, trials, systems, base, out);
    }

    private static void run(final int[] sizes, final int trials, final List<String> systems, final TrialSettings base, final Path out)
        throws Exception
    {
        Files.createDirectories(out.resolve("logs"));
        final Path home = Path.of(System.getProperty("hearsay.home", ".")).toAbsolutePath();
        final Path benchJar = home.resolve("bench/target/benchmarks.jar");
        final Path peersJar = home.resolve("bench/peers/target/peers.jar");
        for (final Path jar : new Path[]{benchJar, peersJar})
        {
            if (!Files.isRegularFile(jar))
            {
                throw new IllegalStateException(jar + " is missing: build with mvn -o -q -B -pl bench -am package -DskipTests");
            }
        }
        final List<String> trialRows = new ArrayList<>();
        final List<String> eventRows = new ArrayList<>();
        final Map<String, String> configs = new LinkedHashMap<>();
        System.out.println("peers: sizes " + Arrays.toString(sizes) + ", " + trials + " trials, systems " + systems +
            ", events " + base.events + ", idle " + base.idleS + " s, seed " + base.seed + "; " + Conditions.describe());
        for (final int n : sizes)
        {
            for (int t = 1; t <= trials; t++)
            {
                for (final String system : systems)
                {
                    final TrialSettings s = TrialSettings.parse(base.toArgs().toArray(String[]::new));
                    s.nodes = n;
                    s.trial = t;
                    s.seed = base.seed + 1_000L * n + t;
                    s.system = system.startsWith("hearsay") ? "hearsay" : system;
                    s.timing = system.endsWith("eager") ? "eager" : "periodic";
                    final List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
                    if (s.system.equals("hearsay"))
                    {
                        command.addAll(JvmFlags.flags());
                        command.addAll(List.of("-cp", benchJar.toString()));
                    }
                    else
                    {
                        command.addAll(List.of("-cp", peersJar.toString()));
                    }
                    command.add(Trial.class.getName());
                    command.addAll(s.toArgs());
                    final Path log = out.resolve("logs/" + system + "-n" + n + "-t" + t + ".err");
                    final Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
                    final List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                    final long budgetS = s.convergeS + s.idleS + s.events * 35L + s.crashS + 60;
                    if (!process.waitFor(budgetS, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly();
                    }
                    String status = "no result (exit " + (process.isAlive() ? "timeout" : process.exitValue()) + ", see " + log + ")";
                    for (final String line : lines)
                    {
                        if (line.startsWith("trial,"))
                        {
                            trialRows.add(line);
                            status = line;
                        }
                        else if (line.startsWith("event,"))
                        {
                            eventRows.add(line);
                        }
                        else if (line.startsWith("config,"))
                        {
                            configs.put(system, line.substring(line.indexOf(',', 7) + 1));
                        }
                    }
                    System.out.println("peers: N=" + n + " trial " + t + " " + system + ": " + status);
                }
            }
        }
        Files.write(out.resolve("trials.csv"), withHeader(Trial.TRIAL_HEADER, trialRows));
        Files.write(out.resolve("events.csv"), withHeader(Trial.EVENT_HEADER, eventRows));
        final StringBuilder config = new StringBuilder();
        configs.forEach((system, text) -> config.append(system).append(": ").append(text).append("\n\n"));
        Files.writeString(out.resolve("config.txt"), config);
        final String table = table(sizes, systems, trialRows, eventRows);
        Files.writeString(out.resolve("comparison.md"), "# hearsay beside its peers\n\n" + Conditions.describe() + "\n\n" + table);
        plot(sizes, systems, eventRows, out.resolve("time-to-all.png"));
        System.out.println(table);
        System.out.println("peers: wrote " + out.toAbsolutePath() + "/{trials.csv, events.csv, config.txt, comparison.md, time-to-all.png}");
    }

    private static List<String> withHeader(final String header, final List<String> rows)
    {
        final List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** medians per (system, N) of the trial figures, and p50 / p99 of time-to-all over every event */
    static String table(final int[] sizes, final List<String> systems, final List<String> trialRows, final List<String> eventRows)
    {
        final String[] figures = {"time-to-all p50 ms", "time-to-all p99 ms", "t50 p50 ms", "idle CPU % of a core per node",
            "CPU % per node while disseminating", "RSS KiB per node", "RSS added KiB per node", "heap KiB per node", "threads",
            "crash removed by all ms", "false removals", "converge ms"};
        final StringBuilder md = new StringBuilder();
        for (final int n : sizes)
        {
            final Map<String, double[]> values = new LinkedHashMap<>();
            for (final String system : systems)
            {
                values.put(system, figures(system, n, trialRows, eventRows));
            }
            md.append("## N = ").append(n).append("\n\n| figure |");
            systems.forEach(s -> md.append(' ').append(s).append(" |"));
            final List<String> peers = systems.stream().filter(s -> !s.startsWith("hearsay")).toList();
            final List<String> ours = systems.stream().filter(s -> s.startsWith("hearsay")).toList();
            for (final String peer : peers)
            {
                ours.forEach(h -> md.append(' ').append(h).append(" ÷ ").append(peer).append(" |"));
            }
            md.append("\n|---|");
            systems.forEach(s -> md.append("---:|"));
            peers.forEach(p -> ours.forEach(h -> md.append("---:|")));
            md.append('\n');
            for (int f = 0; f < figures.length; f++)
            {
                md.append("| ").append(figures[f]).append(" |");
                for (final String system : systems)
                {
                    md.append(' ').append(format(values.get(system)[f])).append(" |");
                }
                for (final String peer : peers)
                {
                    for (final String h : ours)
                    {
                        final double ratio = values.get(h)[f] / values.get(peer)[f];
                        md.append(' ').append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "—").append(" |");
                    }
                }
                md.append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static double[] figures(final String system, final int n, final List<String> trialRows, final List<String> eventRows)
    {
        final Histogram toAll = new Histogram(3_600_000_000L, 3);
        final List<Double> t50 = new ArrayList<>();
        for (final String row : eventRows)
        {
            final String[] c = row.split(",", -1);
            if (c[1].equals(system) && Integer.parseInt(c[2]) == n)
            {
                if (!c[8].isEmpty())
                {
                    toAll.recordValue(Math.round(Double.parseDouble(c[8]) * 1000));
                }
                if (!c[7].isEmpty())
                {
                    t50.add(Double.parseDouble(c[7]));
                }
            }
        }
        final double[] f = new double[12];
        f[0] = toAll.getTotalCount() == 0 ? Double.NaN : toAll.getValueAtPercentile(50) / 1000.0;
        f[1] = toAll.getTotalCount() == 0 ? Double.NaN : toAll.getValueAtPercentile(99) / 1000.0;
        f[2] = median(t50);
        final int[] columns = {6, 7, 9, 10, 11, 12, 14, 13, 5};
        for (int k = 0; k < columns.length; k++)
        {
            final List<Double> v = new ArrayList<>();
            for (final String row : trialRows)
            {
                final String[] c = row.split(",", -1);
                if (c[1].equals(system) && Integer.parseInt(c[2]) == n && "ok".equals(c[4]) && !c[columns[k]].isEmpty())
                {
                    try
                    {
                        v.add(Double.parseDouble(c[columns[k]]));
                    }
                    catch (final NumberFormatException ex)
                    {
                        v.add(Double.NaN);   // e.g. "not-removed-in-120s"
                    }
                }
            }
            f[3 + k] = median(v);
        }
        return f;
    }

    private static double median(final List<Double> values)
    {
        if (values.isEmpty())
        {
            return Double.NaN;
        }
        final double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String format(final double v)
    {
        if (Double.isNaN(v))
        {
            return "—";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static void plot(final int[] sizes, final List<String> systems, final List<String> eventRows, final Path file)
        throws IOException
    {
        final XYChart chart = Charts.xy("Time until every member has a user event (p50 and p99 over all events)",
            "members N", "time to all (ms)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        final double[] x = Arrays.stream(sizes).asDoubleStream().toArray();
        int colour = 0;
        for (final String system : systems)
        {
            final double[] p50 = new double[sizes.length];
            final double[] p99 = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++)
            {
                final double[] f = figures(system, sizes[i], List.of(), eventRows);
                p50[i] = Double.isNaN(f[0]) ? 0 : f[0];
                p99[i] = Double.isNaN(f[1]) ? 0 : f[1];
            }
            Charts.line(chart, system + " p50", x, p50, Charts.color(colour));
            Charts.dashed(chart, system + " p99", x, p99, Charts.color(colour));
            colour++;
        }
        Charts.savePng(chart, file);
    }
}
