package io.hearsay.master.experiment;

import io.hearsay.core.TimingMode;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.core.impair.FaultGrammar;
import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.NetworkKind;
import io.hearsay.master.fault.Scenario;
import io.hearsay.master.fault.ScenarioParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A declarative experiment, read from a {@code key = value} file ({@code #} comments, lists comma-separated):
 * <pre>
 * name = loglog-cluster
 * sizes = 16, 32, 64, 128          # N: the cells' first axis
 * per_container = auto             # nodes per container: auto (1 up to 200 nodes, else N/200) or a number
 * containers = 32                  # or: at most this many containers, per_container = ceil(N / containers)
 * strategies = push-pull           # push, pull, push-pull, median-counter
 * timings = periodic, eager
 * loss = 0, 0.2                    # kernel-level receive-side loss applied after membership converged
 * repetitions = 3                  # a fresh cluster for each
 * events = 2                       # events injected (one after another) per repetition
 * seed = 20261126
 * network = macvlan
 * engine = docker                 # or swarm: a Docker Swarm stack on an overlay network (docker/SWARM.md)
 * formation = auto                 # join, roster (every node starts knowing every address), auto (roster above 200)
 * profile = lan
 * gossip_period_ms = 200           # 0: the profile's
 * max_answers = 0                  # direct-addressing: calls a node answers per round (0: unbounded), --max-answers
 * scenario = experiments/flaky.scenario   # optional: played during each repetition, after membership
 * fault = at 5s partition groups=half/rest   # or the steps inline, one a line (the fault grammar, as in a scenario)
 * fault = at 15s heal
 * membership_timeout_s = 180
 * spread_timeout_s = 60
 * settle_s = 10                    # wait after membership converged, before the first event (0: none)
 * first_event_s = 3                # the first event this long after the scenario started (0: at once), e.g. inside a partition
 * </pre>
 * Every value is checked before anything starts; an error names the line, key and value.
 */
public final class ExperimentSpec
{
    private static final Set<String> KEYS = Set.of("name", "sizes", "per_container", "strategies", "timings", "loss",
        "repetitions", "events", "seed", "network", "engine", "profile", "gossip_period_ms", "scenario", "membership_timeout_s",
        "spread_timeout_s", "fanout", "max_answers", "containers", "formation", "settle_s", "fault", "first_event_s");

    public String name = "experiment";
    public List<Integer> sizes = List.of(16);
    /** 0 = auto */
    public int perContainer;
    /** 0 = no cap; else nodes per container = ceil(N / containers) */
    public int maxContainers;
    public List<StrategyKind> strategies = List.of(StrategyKind.PUSH_PULL);
    public List<TimingMode> timings = List.of(TimingMode.PERIODIC);
    public List<Double> losses = List.of(0.0);
    public int repetitions = 1;
    public int events = 1;
    public long seed = 1;
    public NetworkKind network = NetworkKind.MACVLAN;
    /** docker (the single-host lab) or swarm (overlay network unless the file names one) */
    public String engine = io.hearsay.master.cluster.ClusterSpec.ENGINE_DOCKER;
    public String profile = io.hearsay.master.options.ProtocolOptions.DEFAULT_PROFILE;
    public String formation = io.hearsay.master.cluster.ClusterSpec.AUTO;
    public long gossipPeriodMs;
    public int fanout = 1;
    /** direct-addressing: calls a node answers per structure round (0 = unbounded), as {@code --max-answers} */
    public int maxAnswers;
    public Path scenario;
    /** the file's lines with only its {@code fault = ...} values kept, in their columns (blank elsewhere); null: none */
    public List<String> faultLines;
    public String fileName = "experiment";
    public int membershipTimeoutS = 180;
    public int spreadTimeoutS = 60;
    /** seconds between membership converged and the first event: nodes probe each other (ARP, JIT) first */
    public int settleS;
    /** seconds from the scenario's start (after settling) to the first event: lets the event meet a fault in place */
    public int firstEventS;

    /** One combination of the axes. */
    public record Cell(int nodes, StrategyKind strategy, TimingMode timing, double loss)
    {
        public String id()
        {
            return String.format(Locale.ROOT, "n%05d-%s-%s-loss%.2f", nodes, strategy.cliName(), timing.cliName(), loss);
        }
    }

    /** nodes per container for a cluster of {@code nodes} (0 = the cluster's automatic choice) */
    public int perContainerFor(final int nodes)
    {
        if (perContainer > 0 && maxContainers > 0)
        {
            throw new IllegalArgumentException("give per_container or containers, not both");
        }
        return maxContainers > 0 ? (nodes + maxContainers - 1) / maxContainers : perContainer;
    }

    /** Replaces the sizes (a command-line override), each checked as in the file. */
    public void sizes(final String list)
    {
        set("sizes", list, null);
    }

    /** cells in run order: sizes ascending outermost, so small clusters finish first */
    public List<Cell> cells()
    {
        final List<Cell> cells = new ArrayList<>();
        for (final int n : sizes)
        {
            for (final StrategyKind s : strategies)
            {
                for (final TimingMode t : timings)
                {
                    for (final double l : losses)
                    {
                        cells.add(new Cell(n, s, t, l));
                    }
                }
            }
        }
        return cells;
    }

    public static ExperimentSpec parse(final Path file)
    {
        try
        {
            return parse(file.getFileName().toString(), Files.readAllLines(file), file.toAbsolutePath().getParent());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read experiment " + file, ex);
        }
    }

    public static ExperimentSpec parse(final String fileName, final List<String> lines, final Path base)
    {
        final ExperimentSpec spec = new ExperimentSpec();
        spec.fileName = fileName;
        final Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty())
            {
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq < 0)
            {
                throw error(fileName, i + 1, line, "expected key = value");
            }
            final String key = line.substring(0, eq).trim();
            final String value = line.substring(eq + 1).trim();
            if (!KEYS.contains(key))
            {
                throw error(fileName, i + 1, key, "unknown key; accepted: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
            if (key.equals("fault"))
            {
                spec.fault(fileName, lines, i, lines.get(i).indexOf('=') + 1);
                continue;
            }
            if (seen.put(key, i + 1) != null)
            {
                throw error(fileName, i + 1, key, "given twice (first on line " + seen.get(key) + ")");
            }
            try
            {
                spec.set(key, value, base);
            }
            catch (final IllegalArgumentException ex)
            {
                throw error(fileName, i + 1, key + " = " + value, ex.getMessage());
            }
        }
        if (spec.faultLines != null && spec.scenario != null)
        {
            throw error(fileName, seen.get("scenario"), "scenario", "give either scenario = FILE or fault = lines, not both");
        }
        return spec;
    }

    /** keeps line {@code i}'s fault (from column {@code from}) where it stands, and checks its form now */
    private void fault(final String fileName, final List<String> lines, final int i, final int from)
    {
        if (faultLines == null)
        {
            faultLines = new ArrayList<>(Collections.nCopies(lines.size(), ""));
        }
        final String raw = lines.get(i);
        final int hash = raw.indexOf('#');
        final String value = raw.substring(from, hash < 0 ? raw.length() : hash);
        faultLines.set(i, " ".repeat(from) + value);
        FaultGrammar.parseScript(fileName, String.join("\n", faultLines));
    }

    /** the faults to play in each repetition (a scenario file or the fault lines), resolved for a cluster; null: none */
    public Scenario scenario(final ClusterPlan plan, final long nowWallMs)
    {
        final ScenarioParser parser = new ScenarioParser(plan, nowWallMs);
        if (scenario != null)
        {
            return parser.parse(scenario);
        }
        return faultLines == null ? null : parser.parse(fileName, faultLines);
    }

    private void set(final String key, final String value, final Path base)
    {
        switch (key)
        {
            case "name" ->
            {
                if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,60}"))
                {
                    throw new IllegalArgumentException("a name of letters, digits, . _ - (up to 61)");
                }
                name = value;
            }
            case "sizes" ->
            {
                sizes = new ArrayList<>();
                for (final String v : list(value))
                {
                    final int n = integer(v);
                    if (n < 2 || n > 100_000)
                    {
                        throw new IllegalArgumentException("size " + n + " is not in 2..100000");
                    }
                    sizes.add(n);
                }
                sizes.sort(null);
            }
            case "per_container" -> perContainer = value.equals("auto") ? 0 : positive(value);
            case "containers" -> maxContainers = positive(value);
            case "strategies" -> strategies = list(value).stream().map(StrategyKind::fromCliName).toList();
            case "timings" -> timings = list(value).stream().map(TimingMode::fromCliName).toList();
            case "loss" ->
            {
                losses = new ArrayList<>();
                for (final String v : list(value))
                {
                    final double p = Double.parseDouble(v);
                    if (!(p >= 0 && p < 1))
                    {
                        throw new IllegalArgumentException("loss " + v + " is not in [0, 1)");
                    }
                    losses.add(p);
                }
            }
            case "repetitions" -> repetitions = positive(value);
            case "events" -> events = positive(value);
            case "seed" -> seed = Long.parseLong(value);
            case "network" -> network = NetworkKind.fromCliName(value);
            case "engine" ->
            {
                if (!value.matches("docker|swarm"))
                {
                    throw new IllegalArgumentException("accepted: docker, swarm");
                }
                engine = value;
                if ("swarm".equals(value) && network == NetworkKind.MACVLAN)
                {
                    network = NetworkKind.OVERLAY;
                }
            }
            case "profile" ->
            {
                if (!value.matches("lan|wan|local"))
                {
                    throw new IllegalArgumentException("accepted: lan, wan, local");
                }
                profile = value;
            }
            case "formation" ->
            {
                if (!value.matches("join|roster|auto"))
                {
                    throw new IllegalArgumentException("accepted: join, roster, auto");
                }
                formation = value;
            }
            case "gossip_period_ms" -> gossipPeriodMs = Long.parseLong(value);
            case "fanout" -> fanout = positive(value);
            case "max_answers" ->
            {
                maxAnswers = integer(value);
                if (maxAnswers < 0)
                {
                    throw new IllegalArgumentException("accepted: 0 (unbounded) or a positive number of calls per round");
                }
            }
            case "scenario" ->
            {
                if (!value.isEmpty())
                {
                    final Path p = base == null ? Path.of(value) : base.resolve(value);
                    final Path q = Files.isRegularFile(p) ? p : Path.of(value);
                    if (!Files.isRegularFile(q))
                    {
                        throw new IllegalArgumentException("scenario file " + value + " does not exist");
                    }
                    scenario = q.toAbsolutePath();
                }
            }
            case "membership_timeout_s" -> membershipTimeoutS = positive(value);
            case "spread_timeout_s" -> spreadTimeoutS = positive(value);
            case "settle_s" -> settleS = seconds(value);
            case "first_event_s" -> firstEventS = seconds(value);
            default -> throw new IllegalArgumentException("unknown key");
        }
    }

    private static int seconds(final String value)
    {
        final int s = integer(value);
        if (s < 0 || s > 3600)
        {
            throw new IllegalArgumentException("accepted: 0..3600 seconds");
        }
        return s;
    }

    private static List<String> list(final String value)
    {
        final List<String> items = new ArrayList<>();
        for (final String item : value.split(","))
        {
            if (!item.isBlank())
            {
                items.add(item.trim());
            }
        }
        if (items.isEmpty())
        {
            throw new IllegalArgumentException("an empty list");
        }
        return items;
    }

    private static int integer(final String v)
    {
        try
        {
            return Integer.parseInt(v.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
    }

    private static int positive(final String v)
    {
        final int n = integer(v);
        if (n < 1)
        {
            throw new IllegalArgumentException("'" + v + "' must be at least 1");
        }
        return n;
    }

    private static IllegalArgumentException error(final String file, final int line, final String value, final String why)
    {
        return new IllegalArgumentException(file + " line " + line + ": '" + value + "': " + why);
    }
}
