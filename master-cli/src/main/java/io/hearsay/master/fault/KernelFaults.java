package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.DockerCli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes kernel-level faults inside the containers' network namespaces ({@code docker exec} of nft and tc; the
 * containers run with NET_ADMIN). netem is used only where the kernel has it: this is detected on the first target,
 * and without it the fault fails naming the reason and the fallback.
 */
public final class KernelFaults
{
    public static final String DEVICE = "eth0";
    public static final int PARALLELISM = 8;
    public static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);
    static final String NO_NETEM = "this kernel has no netem (sch_netem is not built: tc says 'Specified qdisc kind is unknown')";

    private final DockerCli docker;
    private final ClusterPlan plan;

    public KernelFaults(final DockerCli docker, final ClusterState state)
    {
        this.docker = docker;
        this.plan = state.plan();
    }

    /** Makes the fault; returns a one-line description of what was done. */
    public String apply(final FaultAction action)
    {
        return switch (action.kind)
        {
            case LOSS -> loss(action);
            case PARTITION -> partition(action);
            case BANDWIDTH -> forEach(action.targets.containers(), c ->
                exec(c, null, KernelFaultScripts.bandwidth(DEVICE, action.rateKbit)), "tbf " + action.rateKbit + " kbit");
            case DELAY -> netem(action, KernelFaultScripts.netemDelay(DEVICE, action.delayMs, action.jitterMs));
            case DUPLICATE, REORDER -> netem(action,
                KernelFaultScripts.netemProbability(DEVICE, action.kind.cliName(), action.probability));
            case HEAL -> heal(action.targets == null ? allContainers() : action.targets.containers());
            default -> throw new FaultFailedException("fault " + action.kind.cliName() + " has no kernel form", null);
        };
    }

    private String loss(final FaultAction action)
    {
        return forEach(action.targets.containers(), c ->
        {
            final ContainerSlot slot = plan.slots().get(c);
            final List<Integer> ports = new ArrayList<>();
            for (final int j : action.targets.localNodes(plan, c))
            {
                ports.add(slot.basePort() + j);
            }
            return exec(c, KernelFaultScripts.loss(ports, action.probability), "nft", "-f", "-");
        }, "nft receive-side loss p=" + action.probability);
    }

    private String partition(final FaultAction action)
    {
        for (final Selection group : action.groups)
        {
            if (!group.wholeContainers(plan))
            {
                throw new FaultFailedException("a kernel partition cuts whole containers, and group '" + group.text() +
                    "' splits a container", "layer=daemon (cuts single nodes)");
            }
        }
        final List<Runnable> steps = new ArrayList<>();
        final SortedSet<Integer> touched = new TreeSet<>();
        for (int g = 0; g < action.groups.size(); g++)
        {
            if (action.oneWay && g == 0)
            {
                continue; // A/B one-way: only B's containers refuse A's datagrams
            }
            final List<String> fromIps = new ArrayList<>();
            for (int other = 0; other < action.groups.size(); other++)
            {
                if (other != g && (!action.oneWay || other == 0))
                {
                    for (final int c : action.groups.get(other).containers())
                    {
                        fromIps.add(plan.slots().get(c).ip());
                    }
                }
            }
            touched.addAll(action.groups.get(g).containers());
            for (final int c : action.groups.get(g).containers())
            {
                final ContainerSlot slot = plan.slots().get(c);
                final List<Integer> ports = new ArrayList<>();
                for (int j = 0; j < slot.nodes(); j++)
                {
                    ports.add(slot.basePort() + j);
                }
                final String script = KernelFaultScripts.blockFrom(fromIps, ports);
                steps.add(() -> exec(c, script, "nft", "-f", "-"));
            }
        }
        for (final ContainerSlot slot : plan.slots())
        {
            if (!touched.contains(slot.index()) && !action.targets.containers().contains(slot.index()))
            {
                // a new partition replaces the previous one everywhere
                steps.add(() -> exec(slot.index(), KernelFaultScripts.healPartition(), "nft", "-f", "-"));
            }
        }
        runAll(steps);
        return "nft " + (action.oneWay ? "one-way" : "two-way") + " partition in " + touched.size() + " containers";
    }

    private String netem(final FaultAction action, final String[] command)
    {
        final int first = action.targets.containers().first();
        final DockerCli.Result probe = docker.docker(EXEC_TIMEOUT, concat(new String[] {"exec", plan.slots().get(first).name()}, command));
        if (!probe.ok())
        {
            if (probe.stderr().contains("Specified qdisc kind is unknown") || probe.stderr().contains("netem"))
            {
                throw new FaultFailedException(NO_NETEM, "layer=daemon (the daemon's own delay, jitter, duplication, reorder)");
            }
            throw failure(first, probe);
        }
        final SortedSet<Integer> rest = new TreeSet<>(action.targets.containers());
        rest.remove(first);
        forEach(rest, c -> exec(c, null, command), "");
        return "netem " + String.join(" ", Arrays.copyOfRange(command, 6, command.length));
    }

    /** removes every kernel fault from the given containers; paused or stopped ones are skipped and named */
    public String heal(final Set<Integer> containers)
    {
        final List<String> skipped = new ArrayList<>();
        final List<Runnable> steps = new ArrayList<>();
        for (final int c : containers)
        {
            steps.add(() ->
            {
                final DockerCli.Result r = docker.dockerWithInput(KernelFaultScripts.healNft(), EXEC_TIMEOUT,
                    "exec", "-i", plan.slots().get(c).name(), "nft", "-f", "-");
                if (!r.ok())
                {
                    synchronized (skipped)
                    {
                        skipped.add("c" + c);
                    }
                    return;
                }
                docker.docker(EXEC_TIMEOUT, concat(new String[] {"exec", plan.slots().get(c).name()},
                    KernelFaultScripts.healTc(DEVICE)));
            });
        }
        runAll(steps);
        return "nft fault tables and tc qdisc removed in " + (containers.size() - skipped.size()) + " containers" +
            (skipped.isEmpty() ? "" : " (not reachable, paused or stopped: " + String.join(",", skipped) + ")");
    }

    private Set<Integer> allContainers()
    {
        final SortedSet<Integer> all = new TreeSet<>();
        for (final ContainerSlot slot : plan.slots())
        {
            all.add(slot.index());
        }
        return all;
    }

    private interface Step
    {
        String run(int container);
    }

    private String forEach(final Set<Integer> containers, final Step step, final String what)
    {
        final List<Runnable> steps = new ArrayList<>();
        for (final int c : containers)
        {
            steps.add(() -> step.run(c));
        }
        runAll(steps);
        return what + " in " + containers.size() + " containers";
    }

    private void runAll(final List<Runnable> steps)
    {
        final ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLELISM, Math.max(1, steps.size())));
        try
        {
            final List<Future<?>> futures = new ArrayList<>();
            for (final Runnable step : steps)
            {
                futures.add(pool.submit(step));
            }
            for (final Future<?> f : futures)
            {
                f.get();
            }
        }
        catch (final java.util.concurrent.ExecutionException ex)
        {
            if (ex.getCause() instanceof RuntimeException re)
            {
                throw re;
            }
            throw new IllegalStateException(ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private String exec(final int container, final String stdin, final String... command)
    {
        final String name = plan.slots().get(container).name();
        final DockerCli.Result r = stdin == null ?
            docker.docker(EXEC_TIMEOUT, concat(new String[] {"exec", name}, command)) :
            docker.dockerWithInput(stdin, EXEC_TIMEOUT, concat(new String[] {"exec", "-i", name}, command));
        if (!r.ok())
        {
            throw failure(container, r);
        }
        return r.stdout();
    }

    private FaultFailedException failure(final int container, final DockerCli.Result r)
    {
        final String err = r.stderr().trim();
        if (err.contains("Operation not permitted"))
        {
            return new FaultFailedException("container c" + container + " lacks NET_ADMIN (" + err + ")",
                "layer=daemon");
        }
        if (err.contains("is paused") || err.contains("is not running"))
        {
            return new FaultFailedException("container c" + container + " is paused or stopped: " + err, null);
        }
        return new FaultFailedException("container c" + container + ": " + r.describe(), null);
    }

    private static String[] concat(final String[] a, final String[] b)
    {
        final String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
