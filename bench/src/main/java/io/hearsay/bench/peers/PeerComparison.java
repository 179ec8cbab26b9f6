package io.hearsay.bench.peers;

import io.hearsay.bench.macro.Conditions;
import io.hearsay.master.JvmFlags;
import io.hearsay.master.plot.Charts;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * hearsay beside the JVM gossip libraries people choose instead, in one run: for every N, trial after trial, each
 * system in turn (interleaved, so load on a shared machine falls on all alike), each trial in fresh JVMs of its own
 * with the same settings ({@link TrialSettings}: interval, fan-out, probe interval and timeout, ping-request
 * members, suspicion multiplier). hearsay runs all N members in one process (as it runs best); a peer runs at most
 * {@code --per-jvm} members per JVM and fewer where its descriptors per member need it ({@link ShardPlan}). Before
 * anything starts, every (system, N) plan is printed with its estimate of memory, threads, descriptors and idle CPU;
 * plans the machine cannot hold are refused (the run stops, or with {@code --skip-unfit} they are recorded as
 * refused and the rest runs). Writes {@code trials.csv}, {@code events.csv}, {@code config.txt} (the common
 * settings, each system's configuration as applied and its suspicion timeout per N), {@code comparison.md} (medians
 * and the ratios hearsay ÷ peer) and {@code time-to-all.png} into {@code --out}.
 * <p>
 * Usage (from the repository root, after {@code mvn -pl bench -am package}):
 * {@code java -cp bench/target/benchmarks.jar io.hearsay.bench.peers.PeerComparison --nodes 16,64 --trials 3
 * --out bench/results/peers}; {@code bench/macro.sh peers} does that. {@code --quick} is the CI-sized form.
 */
public final class PeerComparison
{
    static final List<String> SYSTEMS = List.of("hearsay-periodic", "hearsay-eager", "scalecube", "atomix");
    private static final String ACCEPTED = "--nodes 16,64[,256,1024] (2..4096), --trials T (1..50), --systems " +
        String.join(",", SYSTEMS) + ", --events E, --idle-s S, --converge-s S, --crash-s S, --suspicion-mult M (1..100, " +
        "the same for every system), --per-jvm K (peer members per JVM, 1..4096), --seed S, --out DIR, --skip-unfit, --quick, --help";

    /**
     * Atomix 3.1 (Kryo field serializers over JDK classes, Netty 4.1.27) predates Java 17's strong encapsulation: the
     * packages opened to its JVMs come from the root pom's {@code hearsay.jvm.atomix.opens} (a filtered resource).
     */
    static final List<String> ATOMIX_OPENS = atomixOpens();

    private static List<String> atomixOpens()
    {
        try (var in = PeerComparison.class.getResourceAsStream("/hearsay/atomix-opens.txt"))
        {
            if (in == null)
            {
                throw new IllegalStateException("hearsay/atomix-opens.txt is missing from the bench jar (build bench with Maven)");
            }
            final String modules = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            return Stream.of(modules.split("\\s+")).filter(m -> !m.isEmpty())
                .map(m -> "--add-opens=" + m + "=ALL-UNNAMED").toList();
        }
        catch (final java.io.IOException e)
        {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private PeerComparison()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        int[] sizes = {16, 64};
        int trials = 3;
        int perJvm = 64;
        boolean skipUnfit = false;
        List<String> systems = SYSTEMS;
        final TrialSettings base = new TrialSettings();
        Path out = Path.of("bench/results/peers");
        try
        {
            for (int i = 0; i < args.length; i++)
            {
                final String name = args[i];
                if ("--quick".equals(name))
                {
                    sizes = new int[]{8};
                    trials = 1;
                    base.events = 3;
                    base.idleS = 3;
                    base.convergeS = 60;
                    base.crashS = 40;
                    continue;
                }
                if ("--help".equals(name))
                {
                    System.out.println("peers: hearsay beside ScaleCube and Atomix, interleaved trials; options: " + ACCEPTED);
                    return;
                }
                if ("--skip-unfit".equals(name))
                {
                    skipUnfit = true;
                    continue;
                }
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException(name + " needs a value; accepted: " + ACCEPTED);
                }
                final String value = args[++i];
                try
                {
                    switch (name)
                    {
                        case "--nodes" -> sizes = Arrays.stream(value.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
                        case "--trials" -> trials = Integer.parseInt(value);
                        case "--systems" -> systems = List.of(value.split(","));
                        case "--events" -> base.events = Integer.parseInt(value);
                        case "--idle-s" -> base.idleS = Integer.parseInt(value);
                        case "--converge-s" -> base.convergeS = Integer.parseInt(value);
                        case "--crash-s" -> base.crashS = Integer.parseInt(value);
                        case "--suspicion-mult" -> base.suspicionMult = Integer.parseInt(value);
                        case "--per-jvm" -> perJvm = Integer.parseInt(value);
                        case "--seed" -> base.seed = Long.parseLong(value);
                        case "--out" -> out = Path.of(value);
                        default -> throw new IllegalArgumentException("unknown option " + name + "; accepted: " + ACCEPTED);
                    }
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException(name + " " + value + ": not a whole number (or a list of them for --nodes)");
                }
            }
            if (trials < 1 || trials > 50)
            {
                throw new IllegalArgumentException("--trials " + trials + ": accepted 1..50");
            }
            if (perJvm < 1 || perJvm > 4096)
            {
                throw new IllegalArgumentException("--per-jvm " + perJvm + ": accepted 1..4096");
            }
            for (final String system : systems)
            {
                if (!SYSTEMS.contains(system))
                {
                    throw new IllegalArgumentException("--systems: unknown system " + system + "; accepted " + String.join(", ", SYSTEMS));
                }
            }
            for (final int n : sizes)
            {
                if (n < 2 || n > 4096)
                {
                    throw new IllegalArgumentException("--nodes " + n + ": accepted 2..4096");
                }
            }
            TrialSettings.parse(base.toArgs().toArray(String[]::new));   // the common settings' own ranges
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("peers: " + ex.getMessage());
            System.exit(2);
            return;
        }
        final Map<String, ShardPlan> plans = preflight(sizes, systems, perJvm);
        final List<String> refused = plans.values().stream().filter(p -> !p.unfit().isEmpty())
            .map(p -> p.system() + " at N = " + p.nodes()).toList();
        if (!refused.isEmpty() && !skipUnfit)
        {
            System.err.println("peers: refused, this machine cannot hold " + String.join(", ", refused) +
                " (estimates above); run the others alone, or add --skip-unfit to record these as refused");
            System.exit(2);
            return;
        }
        run(sizes, trials, systems, base, plans, out);
    }

    /** every (system, N) plan with its estimate, printed before anything starts */
    static Map<String, ShardPlan> preflight(final int[] sizes, final List<String> systems, final int perJvm)
    {
        final ShardPlan.Machine machine = ShardPlan.Machine.current();
        System.out.printf(Locale.ROOT, "peers: pre-flight on this machine: %,d MiB available, %d cores, %,d open files " +
            "per process, %,d tasks%n", machine.availableMiB(), machine.cores(), machine.openFiles(), machine.tasks());
        final Map<String, ShardPlan> plans = new LinkedHashMap<>();
        for (final int n : sizes)
        {
            for (final String system : systems)
            {
                final ShardPlan plan = ShardPlan.of(system(system), n, perJvm, machine);
                plans.put(system + "/" + n, plan);
                System.out.println("peers:   " + (system.startsWith("hearsay") ? system : plan.system()) + " " +
                    plan.describe().substring(plan.system().length()).trim());
            }
        }
        return plans;
    }

    private static String system(final String label)
    {
        return label.startsWith("hearsay") ? "hearsay" : label;
    }

    private static void run(final int[] sizes, final int trials, final List<String> systems, final TrialSettings base,
        final Map<String, ShardPlan> plans, final Path out) throws Exception
    {
        Files.createDirectories(out.resolve("logs"));
        final Path home = Path.of(System.getProperty("hearsay.home", ".")).toAbsolutePath();
        final Map<String, Path> jars = Map.of(
            "hearsay", home.resolve("bench/target/benchmarks.jar"),
            "scalecube", home.resolve("bench/peers/target/peers.jar"),
            "atomix", home.resolve("bench/peers-atomix/target/peers-atomix.jar"));
        for (final String system : systems)
        {
            final Path jar = jars.get(system(system));
            if (!Files.isRegularFile(jar))
            {
                throw new IllegalStateException(jar + " is missing: build with mvn -o -q -B -pl bench -am package -DskipTests");
            }
        }
        final List<String> trialRows = new ArrayList<>();
        final List<String> eventRows = new ArrayList<>();
        final Map<String, String> configs = new LinkedHashMap<>();
        System.out.println("peers: sizes " + Arrays.toString(sizes) + ", " + trials + " trials, systems " + systems +
            ", events " + base.events + ", idle " + base.idleS + " s, suspicion multiplier " + base.suspicionMult +
            " for all, seed " + base.seed + "; " + Conditions.describe());
        for (final int n : sizes)
        {
            for (int t = 1; t <= trials; t++)
            {
                for (final String system : systems)
                {
                    final ShardPlan plan = plans.get(system + "/" + n);
                    if (!plan.unfit().isEmpty())
                    {
                        if (t == 1)
                        {
                            trialRows.add(TrialRun.row("trial", system, n, t, "refused(" + plan.unfit() + ")", plan.jvms()));
                        }
                        continue;
                    }
                    final TrialSettings s = TrialSettings.parse(base.toArgs().toArray(String[]::new));
                    s.nodes = n;
                    s.first = 0;
                    s.count = n;
                    s.trial = t;
                    s.seed = base.seed + 1_000L * n + t;
                    s.system = system(system);
                    s.timing = system.endsWith("eager") ? "eager" : "periodic";
                    final List<String> java = new ArrayList<>(List.of("java", "-Xmx1g"));
                    if ("hearsay".equals(s.system))
                    {
                        java.addAll(JvmFlags.flags());
                    }
                    else if ("atomix".equals(s.system))
                    {
                        java.addAll(ATOMIX_OPENS);
                    }
                    java.addAll(List.of("-cp", jars.get(s.system).toString()));
                    final TrialRun.Result result = new TrialRun(s, plan, java,
                        out.resolve("logs/" + system + "-n" + n + "-t" + t)).run();
                    trialRows.add(result.trialRow());
                    eventRows.addAll(result.eventRows());
                    if (!result.configuration().isEmpty())
                    {
                        configs.put(system + " at N = " + n, result.configuration());
                    }
                    System.out.println("peers: N=" + n + " trial " + t + " " + system + ": " + result.trialRow());
                    // after every trial, so a run cut short keeps what it measured
                    Files.write(out.resolve("trials.csv"), withHeader(TrialRun.TRIAL_HEADER, trialRows));
                    Files.write(out.resolve("events.csv"), withHeader(TrialRun.EVENT_HEADER, eventRows));
                }
            }
        }
        Files.write(out.resolve("trials.csv"), withHeader(TrialRun.TRIAL_HEADER, trialRows));
        Files.writeString(out.resolve("config.txt"), configuration(base, sizes, systems, plans, configs));
        final String table = table(sizes, systems, trialRows, eventRows);
        Files.writeString(out.resolve("comparison.md"), "# hearsay beside its peers\n\n" + Conditions.describe() + "\n\n" + table);
        plot(sizes, systems, eventRows, out.resolve("time-to-all.png"));
        System.out.println(table);
        System.out.println("peers: wrote " + out.toAbsolutePath() + "/{trials.csv, events.csv, config.txt, comparison.md, time-to-all.png}");
    }

    /** the settings every system shares, the suspicion timeout each derives from them per N, the plans, and each
     *  system's configuration as it applied it */
    static String configuration(final TrialSettings base, final int[] sizes, final List<String> systems,
        final Map<String, ShardPlan> plans, final Map<String, String> configs)
    {
        final StringBuilder b = new StringBuilder("# The same settings for every system\n\n");
        b.append("gossip interval ").append(base.intervalMs).append(" ms, fan-out ").append(base.fanout)
            .append(", probe (ping) interval ").append(base.pingIntervalMs).append(" ms, probe timeout ").append(base.pingTimeoutMs)
            .append(" ms, indirect probes through ").append(base.pingReqMembers).append(" members, suspicion multiplier ")
            .append(base.suspicionMult).append(" (the same for all; none is left at its default)\n\n")
            .append("# Suspicion timeout each system derives from that multiplier (ms)\n\n")
            .append("| N | hearsay (min; max = 6 × min, shortened by confirmations) | scalecube | atomix (failure timeout) |\n|---:|---:|---:|---:|\n");
        for (final int n : sizes)
        {
            final TrialSettings s = TrialSettings.parse(base.toArgs().toArray(String[]::new));
            s.nodes = n;
            b.append("| ").append(n).append(" | ").append(SuspicionTimeouts.hearsayMinMs(s)).append(" | ")
                .append(SuspicionTimeouts.scaleCubeMs(s)).append(" | ").append(SuspicionTimeouts.atomixMs(s)).append(" |\n");
        }
        b.append("\n# Plans (pre-flight estimates)\n\n");
        plans.forEach((key, plan) -> b.append("- ").append(key).append(": ").append(plan.describe()).append('\n'));
        b.append("\n# Each system's configuration as applied\n\n");
        configs.forEach((system, text) -> b.append(system).append(": ").append(text).append("\n\n"));
        return b.toString();
    }

    private static List<String> withHeader(final String header, final List<String> rows)
    {
        final List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    static final String[] FIGURES = {"time-to-all p50 ms", "time-to-all p99 ms", "t50 p50 ms", "events to all (of timed)",
        "idle CPU % of a core per node", "CPU % per node while disseminating", "messages per node per s, idle",
        "bytes per node per s, idle", "messages per node per event", "bytes per node per event", "RSS KiB per node",
        "RSS added KiB per node", "heap KiB per node", "direct KiB per node", "threads", "crash removed by all ms",
        "false removals", "converge ms", "JVMs"};
    /** the trial CSV's column of each figure from "idle CPU" on ({@link TrialRun#TRIAL_HEADER}) */
    private static final int[] TRIAL_COLUMNS = {7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 20, 19, 6, 5};

    /** medians per (system, N) of the trial figures, and p50 / p99 of time-to-all over every event */
    static String table(final int[] sizes, final List<String> systems, final List<String> trialRows, final List<String> eventRows)
    {
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
            for (int f = 0; f < FIGURES.length; f++)
            {
                md.append("| ").append(FIGURES[f]).append(" |");
                for (final String system : systems)
                {
                    final double[] v = values.get(system);
                    md.append(' ').append(f == 3 ? String.format(Locale.ROOT, "%.0f of %.0f", v[3], v[FIGURES.length]) :
                        format(v[f])).append(" |");
                }
                for (final String peer : peers)
                {
                    for (final String h : ours)
                    {
                        final double ratio = values.get(h)[f] / values.get(peer)[f];
                        md.append(' ').append(f == 3 || f >= FIGURES.length - 1 || !Double.isFinite(ratio) ? "—" :
                            String.format(Locale.ROOT, "%.2f", ratio)).append(" |");
                    }
                }
                md.append('\n');
            }
            final StringBuilder notes = new StringBuilder();
            for (final String row : trialRows)
            {
                final String[] c = row.split(",", -1);
                if (Integer.parseInt(c[2]) == n && !"ok".equals(c[4]))
                {
                    notes.append("- ").append(c[1]).append(" trial ").append(c[3]).append(": ").append(c[4]).append('\n');
                }
                else if (Integer.parseInt(c[2]) == n && c[20].startsWith("not-removed"))
                {
                    notes.append("- ").append(c[1]).append(" trial ").append(c[3]).append(": crashed member ").append(c[20]).append('\n');
                }
            }
            for (final String row : eventRows)
            {
                final String[] c = row.split(",", -1);
                if (Integer.parseInt(c[2]) == n && c[8].isEmpty())
                {
                    notes.append("- ").append(c[1]).append(" trial ").append(c[3]).append(" event ").append(c[4]).append(": ")
                        .append(c[6]).append(" of ").append(n - 1).append(" others had it after ").append(TrialRun.EVENT_TIMEOUT_S)
                        .append(" s (not timed)\n");
                }
            }
            md.append(notes.length() == 0 ? "" : "\nNot converged, refused or not timed (not in the medians):\n\n" + notes).append('\n');
        }
        return md.toString();
    }

    private static double[] figures(final String system, final int n, final List<String> trialRows, final List<String> eventRows)
    {
        final Histogram toAll = new Histogram(3_600_000_000L, 3);
        final List<Double> t50 = new ArrayList<>();
        int events = 0;
        for (final String row : eventRows)
        {
            final String[] c = row.split(",", -1);
            if (c[1].equals(system) && Integer.parseInt(c[2]) == n)
            {
                events++;
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
        final double[] f = new double[FIGURES.length + 1];   // the last: events asked, for "events to all"
        f[0] = toAll.getTotalCount() == 0 ? Double.NaN : toAll.getValueAtPercentile(50) / 1000.0;
        f[1] = toAll.getTotalCount() == 0 ? Double.NaN : toAll.getValueAtPercentile(99) / 1000.0;
        f[2] = median(t50);
        f[3] = toAll.getTotalCount();
        f[FIGURES.length] = events;
        for (int k = 0; k < TRIAL_COLUMNS.length; k++)
        {
            final List<Double> v = new ArrayList<>();
            for (final String row : trialRows)
            {
                final String[] c = row.split(",", -1);
                if (c[1].equals(system) && Integer.parseInt(c[2]) == n && "ok".equals(c[4]) && !c[TRIAL_COLUMNS[k]].isEmpty())
                {
                    try
                    {
                        v.add(Double.parseDouble(c[TRIAL_COLUMNS[k]]));
                    }
                    catch (final NumberFormatException ex)
                    {
                        v.add(Double.NaN);   // e.g. "not-removed-in-120s"
                    }
                }
            }
            f[4 + k] = median(v);
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
        chart.getStyler().setYAxisLogarithmic(true);   // eager's milliseconds beside a peer's seconds
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
                p50[i] = f[0];   // NaN where nothing was timed: a gap, not a zero
                p99[i] = f[1];
            }
            Charts.line(chart, system + " p50", x, p50, Charts.color(colour));
            Charts.dashed(chart, system + " p99", x, p99, Charts.color(colour));
            colour++;
        }
        Charts.savePng(chart, file);
    }
}
