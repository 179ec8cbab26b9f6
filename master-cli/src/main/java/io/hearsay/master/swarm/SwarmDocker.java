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
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI as the lab's fault and probe code speaks it ({@code exec NAME ...}, {@code pause|unpause|kill|restart
 * NAME...}), addressed to a swarm's tasks: NAME is a service (one container each), replaced by its container's id.
 * A container on this host is reached by this engine. One on another host is reached through the swarm itself: a
 * one-shot job placed on that host's swarm node, with that host's docker socket and docker binary mounted, runs the
 * same command there, and its output comes back through the swarm's service logs. Every other command passes through.
 */
public final class SwarmDocker extends DockerCli
{
    static final Set<String> CONTAINER_VERBS = Set.of("pause", "unpause", "kill", "restart");
    /** the docker binary on every host (bind-mounted into the remote job); Debian's docker.io and Docker's packages */
    static final String REMOTE_DOCKER_BIN = System.getenv().getOrDefault("HEARSAY_REMOTE_DOCKER_BIN", "/usr/bin/docker");
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, SwarmTask> byService = new HashMap<>();
    private final String selfNodeId;
    private final String image;
    private final Duration jobTimeout;

    public SwarmDocker(final ClusterState state, final String selfNodeId)
    {
        this(System.getenv().getOrDefault("HEARSAY_DOCKER", "docker"), state, selfNodeId, JOB_TIMEOUT);
    }

    SwarmDocker(final String dockerBinary, final ClusterState state, final String selfNodeId, final Duration jobTimeout)
    {
        super(dockerBinary);
        this.jobTimeout = jobTimeout;
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
        this.image = state.spec().image;
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
            return onNode(node, stdin, command);
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
            final Result r = onNode(host.getKey(), null, command);
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

    /**
     * {@code docker COMMAND} on swarm node {@code nodeId}: a replicated job of one task constrained to that node, its
     * standard input given through the environment; exit 0 when the job completed, else 1 with the job's output.
     */
    Result onNode(final String nodeId, final String stdin, final List<String> command)
    {
        final String job = "hearsay-exec-" + Long.toHexString(System.nanoTime() & 0xFFFFFFFFL);
        final List<String> args = new ArrayList<>(List.of("service", "create", "-d", "-q", "--mode", "replicated-job",
            "--name", job, "--label", "hearsay.lab=1", "--container-label", "hearsay.lab=1",
            "--container-label", "hearsay.swarm=1", "--restart-condition", "none", "--constraint", "node.id==" + nodeId,
            "--log-driver", "json-file",
            "--mount", "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock",
            "--mount", "type=bind,source=" + REMOTE_DOCKER_BIN + ",target=/usr/local/bin/docker,readonly"));
        final List<String> docker = new ArrayList<>(List.of("docker"));
        docker.addAll(command);
        if (stdin != null)
        {
            args.addAll(List.of("--env", "HEARSAY_STDIN=" + stdin, image, "sh", "-c",
                "printf '%s' \"$HEARSAY_STDIN\" | exec \"$@\"", "sh"));
        }
        else
        {
            args.add(image);
        }
        args.addAll(docker);
        final Result created = super.docker(SwarmLab.CALL_TIMEOUT, args.toArray(String[]::new));
        if (!created.ok())
        {
            return created;
        }
        try
        {
            final long deadlineNs = System.nanoTime() + jobTimeout.toNanos();
            String state = "";
            while (System.nanoTime() - deadlineNs < 0)
            {
                state = super.docker(SwarmLab.CALL_TIMEOUT, "service", "ps", "--format", "{{.CurrentState}}", job)
                    .stdout().trim();
                if (state.startsWith("Complete") || state.startsWith("Failed") || state.startsWith("Rejected"))
                {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            final String output = super.docker(SwarmLab.CALL_TIMEOUT, "service", "logs", "--raw", job).stdout();
            final String error = super.docker(SwarmLab.CALL_TIMEOUT, "service", "ps", "--no-trunc", "--format",
                "{{.Error}}", job).stdout().trim();
            return state.startsWith("Complete") ? new Result(docker, 0, output, "") :
                new Result(docker, 1, "", "on swarm node " + nodeId + ": " + (state.isEmpty() ? "no task" : state) +
                    (error.isEmpty() ? "" : " " + error) + (output.isBlank() ? "" : ": " + output.trim()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(docker, 130, "", "interrupted");
        }
        finally
        {
            super.docker(SwarmLab.CALL_TIMEOUT, "service", "rm", job);
        }
    }
}
