package io.hearsay.master.swarm;

import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.DockerCli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The docker CLI as the lab's fault and probe code speaks it ({@code exec NAME ...}, {@code pause|unpause|kill|restart
 * NAME...}), addressed to a swarm's tasks: NAME is a service (one container each), replaced by its container's id.
 * A container on this host is reached by this engine. One on another host is reached through that host's agent
 * ({@link SwarmAgents}: a long-running global service with the host's docker socket), which runs the same command
 * there: a round trip over the overlay and a {@code docker exec}, not a swarm job. A host without a running agent, or
 * whose agent does not answer, fails the command with an error naming the host. Every other command passes through.
 */
public final class SwarmDocker extends DockerCli
{
    static final Set<String> CONTAINER_VERBS = Set.of("pause", "unpause", "kill", "restart");
    /** the docker binary on every host (bind-mounted into the agents); Debian's docker.io and Docker's packages */
    static final String REMOTE_DOCKER_BIN = System.getenv().getOrDefault("HEARSAY_REMOTE_DOCKER_BIN", "/usr/bin/docker");

    private final Map<String, SwarmTask> byService = new HashMap<>();
    private final String selfNodeId;
    private final SwarmAgents agents;

    public SwarmDocker(final ClusterState state, final String selfNodeId, final SwarmAgents agents)
    {
        this(System.getenv().getOrDefault("HEARSAY_DOCKER", "docker"), state, selfNodeId, agents);
    }

    SwarmDocker(final String dockerBinary, final ClusterState state, final String selfNodeId, final SwarmAgents agents)
    {
        super(dockerBinary);
        this.agents = agents;
        final Map<Integer, SwarmTask> tasks = SwarmLab.readTasks(state.runDir());
        for (final ContainerSlot slot : state.plan().slots())
        {
            final SwarmTask task = tasks.get(slot.index());
            if (task != null)
            {
                byService.put(slot.name(), task);
            }
        }
        this.selfNodeId = selfNodeId;
    }

    @Override
    public Result docker(final Duration timeout, final String... args)
    {
        return run(null, timeout, args);
    }

    @Override
    public Result dockerWithInput(final String stdin, final Duration timeout, final String... args)
    {
        return run(stdin, timeout, args);
    }

    private Result run(final String stdin, final Duration timeout, final String... args)
    {
        if (args.length == 0 || !("exec".equals(args[0]) || CONTAINER_VERBS.contains(args[0])))
        {
            return pass(stdin, timeout, args);
        }
        // one remote host per command: split a verb over several containers by host
        final Map<String, List<String>> remote = new HashMap<>();
        final List<String> local = new ArrayList<>();
        boolean named = false;
        for (int i = 0; i < args.length; i++)
        {
            final SwarmTask task = i == 0 ? null : byService.get(args[i]);
            if (task == null || "exec".equals(args[0]) && named)
            {
                local.add(args[i]);
                continue;
            }
            named = true;
            if (task.nodeId().equals(selfNodeId) || task.nodeId().isEmpty())
            {
                local.add(task.containerId());
            }
            else
            {
                remote.computeIfAbsent(task.nodeId(), n -> new ArrayList<>()).add(task.containerId());
                local.add(null); // placeholder: this container's place in the argument list
            }
        }
        if (remote.isEmpty())
        {
            return pass(stdin, timeout, local.toArray(String[]::new));
        }
        if ("exec".equals(args[0]))
        {
            final String node = remote.keySet().iterator().next();
            final List<String> command = new ArrayList<>();
            for (final String a : local)
            {
                command.add(a == null ? remote.get(node).get(0) : a);
            }
            return onNode(node, stdin, timeout, command);
        }
        // pause/kill/...: local containers here, each other host's in one job there
        final List<String> options = new ArrayList<>();
        final List<String> here = new ArrayList<>();
        for (int i = 1; i < local.size(); i++)
        {
            final String a = local.get(i);
            if (a == null)
            {
                continue; // a container on another host
            }
            if (a.startsWith("-") || i > 1 && "-t".equals(local.get(i - 1)))
            {
                options.add(a);
            }
            else
            {
                here.add(a);
            }
        }
        Result result = null;
        if (!here.isEmpty())
        {
            final List<String> command = new ArrayList<>(List.of(args[0]));
            command.addAll(options);
            command.addAll(here);
            result = pass(null, timeout, command.toArray(String[]::new));
        }
        for (final Map.Entry<String, List<String>> host : remote.entrySet())
        {
            final List<String> command = new ArrayList<>(List.of(args[0]));
            command.addAll(options);
            command.addAll(host.getValue());
            final Result r = onNode(host.getKey(), null, timeout, command);
            if (result == null || result.ok())
            {
                result = r;
            }
        }
        return result;
    }

    private Result pass(final String stdin, final Duration timeout, final String... args)
    {
        return stdin == null ? super.docker(timeout, args) : super.dockerWithInput(stdin, timeout, args);
    }

    /** {@code docker COMMAND} on swarm node {@code nodeId}, through its agent; exit 1 naming the host when unreachable */
    Result onNode(final String nodeId, final String stdin, final Duration timeout, final List<String> command)
    {
        try
        {
            return agents.docker(nodeId, List.of(new AgentProtocol.Command(command, stdin)), timeout).get(0);
        }
        catch (final IllegalStateException ex)
        {
            final List<String> docker = new ArrayList<>(List.of("docker"));
            docker.addAll(command);
            return new Result(docker, 1, "", ex.getMessage());
        }
    }
}
