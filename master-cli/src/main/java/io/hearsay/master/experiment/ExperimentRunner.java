package io.hearsay.master.experiment;

import io.hearsay.master.cluster.ClusterProbe;
import io.hearsay.master.cluster.ClusterSpec;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ControlPorts;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.InjectCommand;
import io.hearsay.master.cluster.KernelUdpCounters;
import io.hearsay.master.cluster.Lab;
import io.hearsay.master.fault.FaultAction;
import io.hearsay.master.fault.FaultInjector;
import io.hearsay.master.fault.FaultLayer;
import io.hearsay.master.fault.NodeSelector;
import io.hearsay.master.fault.Scenario;
import io.hearsay.master.fault.ScenarioRunner;
import io.hearsay.records.run.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs every cell x repetition of an {@link ExperimentSpec} unattended: a fresh cluster each time, membership
 * converged, loss applied (kernel level), scenario played, events injected one after another and awaited, a
 * {@code result.json} and a {@code DONE} marker written, the cluster taken down. Resumable: a repetition with
 * {@code DONE} is never redone; one without (interrupted or failed) is cleared and run again.
 */
public final class ExperimentRunner
{
    public static final String DONE = "DONE";
    public static final String RESULT = "result.json";
    /** the kernel's UDP counters of every container before and after every event ({@link KernelUdpCounters}) */
    public static final String UDP = "udp.csv";

    private final Lab lab;
    private final ExperimentSpec spec;
    private final Path outDir;
    private final PrintStream out;
    private final List<Long> taskMs = new ArrayList<>();
    private final List<Long> taskWeights = new ArrayList<>();

    /** One repetition of one cell. */
    public record Task(int cellIndex, ExperimentSpec.Cell cell, int repetition)
    {
        public String dirName()
        {
            return cell.id() + "/rep-" + repetition;
        }
    }

    public ExperimentRunner(final Lab lab, final ExperimentSpec spec, final Path outDir, final PrintStream out)
    {
        this.lab = lab;
        this.spec = spec;
        this.outDir = outDir;
        this.out = out;
    }

    public List<Task> tasks()
    {
        final List<Task> tasks = new ArrayList<>();
        final List<ExperimentSpec.Cell> cells = spec.cells();
        for (int c = 0; c < cells.size(); c++)
        {
            for (int r = 0; r < spec.repetitions; r++)
            {
                tasks.add(new Task(c, cells.get(c), r));
            }
        }
        return tasks;
    }

    public boolean isDone(final Task task)
    {
        return Files.isRegularFile(outDir.resolve(task.dirName()).resolve(DONE));
    }

    /** the cluster for one task; the seed depends on the experiment seed, the cell and the repetition */
    public ClusterSpec clusterSpec(final Task task)
    {
        final ClusterSpec c = new ClusterSpec();
        c.name = "exp";
        c.nodes = task.cell().nodes();
        c.perContainer = spec.perContainerFor(task.cell().nodes());
        c.engine = spec.engine;
        c.network = spec.network;
        c.formation = spec.formation;
        c.strategy = task.cell().strategy();
        c.timing = task.cell().timing();
        c.fanout = spec.fanout;
        c.maxAnswers = spec.maxAnswers;
        c.profile = spec.profile;
        c.gossipPeriodMs = spec.gossipPeriodMs;
        c.seed = spec.seed * 1_000_003L + task.cellIndex() * 1_009L + task.repetition();
        c.kernelLoss = task.cell().loss();
        return c.conclude();
    }

    /** Validates everything that can be validated without Docker: every cluster spec and the scenario for each. */
    public void validate()
    {
        for (final Task task : tasks())
        {
            final ClusterSpec c = clusterSpec(task);
            spec.scenario(new io.hearsay.master.cluster.ClusterPlan(c), System.currentTimeMillis());
        }
    }

    /** Runs what is not done yet. Returns the number of repetitions that failed. */
    public int run() throws InterruptedException
    {
        validate();
        final List<Task> tasks = tasks();
        final long already = tasks.stream().filter(this::isDone).count();
        out.printf("experiment %s: %d cells x %d repetitions = %d runs, %d already done, output %s%n", spec.name,
            spec.cells().size(), spec.repetitions, tasks.size(), already, outDir);
        int failed = 0;
        int done = (int)already;
        for (final Task task : tasks)
        {
            if (isDone(task))
            {
                continue;
            }
            out.printf("[cell %d/%d %s, repetition %d/%d] %d of %d runs done, ETA %s%n", task.cellIndex() + 1,
                spec.cells().size(), task.cell().id(), task.repetition() + 1, spec.repetitions, done, tasks.size(),
                eta(tasks, task));
            final long startNs = System.nanoTime();
            try
            {
                runOne(task);
                done++;
            }
            catch (final RuntimeException ex)
            {
                failed++;
                out.println("  FAILED: " + ex.getMessage() + " (will be redone on the next run)");
            }
            taskMs.add((System.nanoTime() - startNs) / 1_000_000);
            taskWeights.add(weight(task));
        }
        out.printf("experiment %s: %d of %d runs done, %d failed%n", spec.name, done, tasks.size(), failed);
        return failed;
    }

    /**
     * A run's expected cost, for the ETA: starting, awaiting and removing containers dominates (measured here: 16, 32,
     * 64 containers took 22, 45, 120 s a run), the nodes themselves add little until thousands.
     */
    long weight(final Task task)
    {
        return 5L + 2L * clusterSpec(task).containers() + task.cell().nodes() / 100;
    }

    private String eta(final List<Task> tasks, final Task current)
    {
        if (taskMs.isEmpty())
        {
            return "unknown (first run)";
        }
        long msSoFar = 0;
        long weightSoFar = 0;
        for (int i = 0; i < taskMs.size(); i++)
        {
            msSoFar += taskMs.get(i);
            weightSoFar += taskWeights.get(i);
        }
        long weightLeft = 0;
        for (final Task t : tasks)
        {
            if (!isDone(t))
            {
                weightLeft += weight(t);
            }
        }
        final long leftS = Math.round((double)msSoFar / weightSoFar * weightLeft / 1000);
        return String.format(Locale.ROOT, "%dh%02dm%02ds", leftS / 3600, (leftS / 60) % 60, leftS % 60);
    }

    private void runOne(final Task task) throws InterruptedException
    {
        final Path dir = outDir.resolve(task.dirName());
        deleteRecursively(dir);
        final ClusterSpec cluster = clusterSpec(task);
        lab.down();
        final ClusterState state = lab.up(cluster, dir, false);
        final Map<String, Object> result = new LinkedHashMap<>();
        try (ControlPorts control = new ControlPorts();
            ClusterProbe probe = new ClusterProbe(state, control);
            FaultInjector injector = new FaultInjector(state, lab.docker(state), control, out))
        {
            final long membershipMs = lab.awaitMembership(state, probe, Duration.ofSeconds(spec.membershipTimeoutS));
            if (membershipMs < 0)
            {
                throw new IllegalStateException("membership did not converge within " + spec.membershipTimeoutS + " s");
            }
            state.record("membership_ms", Long.toString(membershipMs));
            out.printf("  membership converged in %d ms%n", membershipMs);
            if (task.cell().loss() > 0)
            {
                injector.apply(FaultAction.loss(FaultLayer.KERNEL,
                    new NodeSelector(state.plan(), cluster.seed).select("all"), task.cell().loss()));
            }
            if (spec.settleS > 0)
            {
                out.printf("  settling %d s (first contacts: ARP, JIT) before the first event%n", spec.settleS);
                TimeUnit.SECONDS.sleep(spec.settleS);
            }
            final Thread scenarioThread = startScenario(state, injector);
            if (spec.firstEventS > 0)
            {
                out.printf("  first event in %d s (first_event_s)%n", spec.firstEventS);
                TimeUnit.SECONDS.sleep(spec.firstEventS);
            }
            final SplittableRandom random = new SplittableRandom(cluster.seed);
            result.put("cell", task.cell().id());
            result.put("repetition", task.repetition());
            result.put("nodes", cluster.nodes);
            result.put("containers", cluster.containers());
            result.put("seed", cluster.seed);
            result.put("membership_ms", membershipMs);
            final List<Object> events = new ArrayList<>();
            result.put("events", events);
            final List<String> names = state.plan().slots().stream().map(ContainerSlot::name).toList();
            final KernelUdpCounters udp = cluster.swarm() ? KernelUdpCounters.throughExec(lab.docker(state), names) :
                KernelUdpCounters.of(lab.docker(), names);
            final StringBuilder udpCsv = new StringBuilder(udpHeader());
            for (int e = 0; e < spec.events; e++)
            {
                final int origin = random.nextInt(cluster.nodes);
                final Map<String, Map<String, Long>> before = udp.sample();
                final Lab.Spread s = InjectCommand.injectAndAwait(lab, state, control, probe, origin, 1,
                    Duration.ofSeconds(spec.spreadTimeoutS), 20).get(0);
                final Map<String, Map<String, Long>> after = udp.sample();
                final Map<String, Object> event = InjectCommand.spreadJson(s);
                final long drops = udpRows(udpCsv, e, state, origin, before, after);
                event.put("udp_rcvbuf_errors", drops);
                out.printf("  event %d: %d of %d live nodes know it after %d ms%s; kernel UDP receive-buffer drops %d%n",
                    e, s.knowing(), s.running(), s.elapsedMs(), s.complete() ? "" : " (TIMEOUT)", drops);
                events.add(event);
            }
            write(dir.resolve(UDP), udpCsv.toString());
            if (scenarioThread != null)
            {
                scenarioThread.join();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            lab.down();
        }
        write(dir.resolve(RESULT), Json.write(result) + "\n");
        write(dir.resolve(DONE), "");
    }

    static String udpHeader()
    {
        final StringBuilder h = new StringBuilder("event,when,container,nodes,hosts_origin");
        for (final String f : KernelUdpCounters.FIELDS)
        {
            h.append(',').append(f);
        }
        return h.append('\n').toString();
    }

    /** appends a before and an after row per container; returns the RcvbufErrors added during the event, all containers */
    static long udpRows(final StringBuilder csv, final int event, final ClusterState state, final int origin,
        final Map<String, Map<String, Long>> before, final Map<String, Map<String, Long>> after)
    {
        long drops = 0;
        for (final ContainerSlot slot : state.plan().slots())
        {
            final Map<String, Long> b = before.get(slot.name());
            final Map<String, Long> a = after.get(slot.name());
            if (b == null || a == null)
            {
                continue;
            }
            drops += a.getOrDefault("RcvbufErrors", 0L) - b.getOrDefault("RcvbufErrors", 0L);
            for (final String when : List.of("before", "after"))
            {
                csv.append(event).append(',').append(when).append(',').append(slot.label()).append(',')
                    .append(slot.nodes()).append(',').append(slot.hostsNode(origin) ? 1 : 0);
                final Map<String, Long> values = when.equals("before") ? b : a;
                for (final String f : KernelUdpCounters.FIELDS)
                {
                    csv.append(',').append(values.getOrDefault(f, -1L));
                }
                csv.append('\n');
            }
        }
        return drops;
    }

    private Thread startScenario(final ClusterState state, final FaultInjector injector)
    {
        final Scenario scenario = spec.scenario(state.plan(), System.currentTimeMillis());
        if (scenario == null)
        {
            return null;
        }
        final Thread thread = new Thread(() ->
        {
            try
            {
                new ScenarioRunner(injector, out).run(scenario);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            catch (final RuntimeException ex)
            {
                out.println("  scenario stopped: " + ex.getMessage());
            }
        }, "scenario");
        thread.start();
        return thread;
    }

    private static void write(final Path file, final String text)
    {
        try
        {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void deleteRecursively(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path p : (Iterable<Path>)walk.sorted(Comparator.reverseOrder())::iterator)
            {
                Files.delete(p);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot clear " + dir, ex);
        }
    }
}
