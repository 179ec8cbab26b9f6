package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.DockerCli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Process faults on whole containers: pause / unpause (the cgroup freezer: every process stops, as with SIGSTOP,
 * and sockets keep queueing until their buffers fill), kill (SIGKILL), restart (a new daemon process, same
 * addresses, a new boot id). A selection that names part of a container acts on the whole container.
 */
public final class ProcessFaults
{
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final DockerCli docker;
    private final ClusterPlan plan;

    public ProcessFaults(final DockerCli docker, final ClusterState state)
    {
        this.docker = docker;
        this.plan = state.plan();
    }

    public String apply(final FaultAction action)
    {
        final Set<Integer> containers = action.targets.containers();
        return switch (action.kind)
        {
            case PAUSE, SLEEP -> run("pause", containers);
            case UNPAUSE -> run("unpause", containers);
            case KILL -> run("kill", containers);
            case RESTART -> run("restart", containers, "-t", "1");
            case HEAL -> unpauseAll();
            default -> throw new FaultFailedException("fault " + action.kind.cliName() + " has no process form", null);
        };
    }

    /** unpauses whatever the lab paused (killed containers stay down: heal does not resurrect) */
    private String unpauseAll()
    {
        final DockerCli.Result paused = docker.docker(TIMEOUT, "ps", "-q", "--filter", "label=hearsay.cluster=" +
            plan.spec().name, "--filter", "status=paused");
        final String ids = paused.stdout().trim();
        if (ids.isEmpty())
        {
            return "no paused container";
        }
        final List<String> args = new ArrayList<>(List.of("unpause"));
        args.addAll(List.of(ids.split("\\s+")));
        docker.docker(TIMEOUT, args.toArray(String[]::new)).orThrow();
        return "unpaused " + (args.size() - 1) + " containers";
    }

    private String run(final String verb, final Set<Integer> containers, final String... options)
    {
        final List<String> args = new ArrayList<>();
        args.add(verb);
        args.addAll(List.of(options));
        for (final int c : containers)
        {
            args.add(plan.slots().get(c).name());
        }
        final DockerCli.Result r = docker.docker(TIMEOUT, args.toArray(String[]::new));
        if (!r.ok())
        {
            throw new FaultFailedException("docker " + verb + " failed: " + r.stderr().trim(), null);
        }
        return "docker " + verb + " " + containers.size() + " containers";
    }
}
