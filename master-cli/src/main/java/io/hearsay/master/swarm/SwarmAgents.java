package io.hearsay.master.swarm;

import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterSpec;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ControlTokens;
import io.hearsay.master.cluster.DockerCli;
import io.hearsay.master.cluster.NetworkKind;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The master's side of the per-host agents ({@link SwarmAgent}): the global service that runs them, where each runs
 * (found from the swarm's tasks, one per host), and the calls: a batch of docker commands to one host, the same
 * commands to every host at once, a host's log volume. Every call is bounded (connect in {@link #CONNECT_TIMEOUT}, the
 * answer within the commands' timeout plus {@link #ANSWER_MARGIN}); a host whose agent is not running or does not
 * answer is named in the error, with the address tried.
 */
public final class SwarmAgents
{
    /** the run's agent token (mode 600 in the run folder; the agents get it in their environment) */
    public static final String TOKEN_FILE = "agent.token";
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);
    static final String TASK_FORMAT = "{{.NodeID}}|{{.Status.State}}|{{range .NetworksAttachments}}{{if eq " +
        ".Network.Spec.Name \"" + NetworkKind.OVERLAY.dockerName() + "\"}}{{range .Addresses}}{{.}} {{end}}{{end}}{{end}}|" +
        "{{.Status.Err}}";

    /** One host's agent as the swarm runs it: its address on the overlay (null while it has none). */
    public record Agent(String nodeId, String host, String state, String ip, int port, String error)
    {
        public boolean running()
        {
            return "running".equals(state) && ip != null;
        }

        public String describe()
        {
            return host + (ip == null ? "" : " (agent " + ip + ":" + port + ")");
        }
    }

    /** What one host answered: the replies, or why there are none. */
    public record HostAnswer(Agent agent, List<DockerCli.Result> results, String error)
    {
        public boolean ok()
        {
            return error == null;
        }
    }

    private final DockerCli docker;
    private final String service;
    private final String token;
    private final Map<String, String> hosts;
    private Map<String, Agent> byNode;

    /**
     * @param docker this engine (a manager of the swarm)
     * @param hosts swarm node id -> host name
     */
    public SwarmAgents(final DockerCli docker, final ClusterState state, final Map<String, String> hosts)
    {
        this.docker = docker;
        this.service = serviceName(state.spec());
        this.token = ControlTokens.read(state.runDir().resolve(TOKEN_FILE));
        this.hosts = hosts;
    }

    /** agents already known (tests: an agent on loopback) */
    SwarmAgents(final String token, final Map<String, String> hosts, final Map<String, Agent> agents)
    {
        this.docker = null;
        this.service = "hearsay-test-agent";
        this.token = token;
        this.hosts = hosts;
        this.byNode = new TreeMap<>(agents);
    }

    public static String serviceName(final ClusterSpec spec)
    {
        return "hearsay-" + spec.name + "-agent";
    }

    /** {@code docker service create ...} (without "docker") for the agents: one task on every host */
    static List<String> serviceArgs(final ClusterSpec spec, final String image, final String token, final String gatewayIp)
    {
        final List<String> args = new ArrayList<>(List.of("service", "create", "-d", "-q", "--name", serviceName(spec),
            "--mode", "global", "--hostname", "{{.Node.Hostname}}", "--endpoint-mode", "dnsrr",
            "--network", NetworkKind.OVERLAY.dockerName(), "--restart-condition", "any", "--cap-add", "NET_ADMIN",
            "--stop-grace-period", "2s", "--log-driver", "json-file", "--log-opt", "max-size=5m"));
        for (final String label : List.of("hearsay.lab=1", "hearsay.cluster=" + spec.name, "hearsay.swarm=1",
            "com.docker.stack.namespace=" + SwarmLab.stack(spec)))
        {
            args.addAll(List.of("--label", label, "--container-label", label));
        }
        args.addAll(List.of("--container-label", "hearsay.role=agent",
            "--mount", "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock",
            "--mount", "type=bind,source=" + SwarmDocker.REMOTE_DOCKER_BIN + ",target=/usr/local/bin/docker,readonly",
            "--mount", "type=volume,source=" + SwarmLab.logVolume(spec) + ",target=/logs,readonly,volume-label=hearsay.lab=1",
            "--env", AgentCommand.TOKEN_ENV + "=" + token, "--env", "HEARSAY_JAVA_OPTS=" + ClusterPlan.javaOpts(48),
            "--env", "HEARSAY_GATEWAY=" + gatewayIp, "--env", "HEARSAY_GATEWAY_NET=" + SwarmLab.GATEWAY_NET,
            image, "cluster", "agent", "--port", Integer.toString(AgentProtocol.PORT), "--logs", "/logs"));
        return args;
    }

    /** Starts the agents of {@code state}'s run (a fresh token in its run folder). */
    static void start(final DockerCli docker, final ClusterState state, final String image, final String gatewayIp)
    {
        final String token = ControlTokens.create(state.runDir().resolve(TOKEN_FILE));
        docker.docker(SwarmLab.CALL_TIMEOUT, serviceArgs(state.spec(), image, token, gatewayIp).toArray(String[]::new))
            .orThrow();
    }

    /** one line of {@link #TASK_FORMAT}; null when it is not one */
    static Agent parseTask(final String line, final Map<String, String> hosts)
    {
        final String[] f = line.split("\\|", 4);
        if (f.length < 4 || f[0].isBlank())
        {
            return null;
        }
        final String address = f[2].trim();
        final String ip = address.isEmpty() ? null : address.split("\\s+")[0].replaceFirst("/\\d+$", "");
        final String nodeId = f[0].trim();
        return new Agent(nodeId, hosts.getOrDefault(nodeId, nodeId), f[1].trim(), ip, AgentProtocol.PORT, f[3].trim());
    }

    /** swarm node id -> its agent (the running task where there is one), read from the swarm once */
    public synchronized Map<String, Agent> agents()
    {
        if (byNode == null)
        {
            byNode = find();
        }
        return byNode;
    }

    private Map<String, Agent> find()
    {
        final Map<String, Agent> found = new TreeMap<>();
        final List<String> ids = SwarmLab.lines(docker.docker(SwarmLab.CALL_TIMEOUT, "service", "ps", "-q", "--no-trunc",
            service).stdout());
        if (ids.isEmpty())
        {
            return found;
        }
        final List<String> args = new ArrayList<>(List.of("inspect", "--type", "task", "--format", TASK_FORMAT));
        args.addAll(ids.subList(0, Math.min(ids.size(), 200)));
        for (final String line : SwarmLab.lines(docker.docker(SwarmLab.CALL_TIMEOUT, args.toArray(String[]::new)).stdout()))
        {
            final Agent a = parseTask(line, hosts);
            if (a != null && (!found.containsKey(a.nodeId()) || !found.get(a.nodeId()).running()))
            {
                found.put(a.nodeId(), a);
            }
        }
        return found;
    }

    /**
     * Waits until every host of the swarm runs its agent, or the deadline; returns the hosts still without one, each
     * with its task's state and error.
     */
    List<String> await(final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            synchronized (this)
            {
                byNode = find();
            }
            final List<String> missing = new ArrayList<>();
            for (final Map.Entry<String, String> h : hosts.entrySet())
            {
                final Agent a = byNode.get(h.getKey());
                if (a == null || !a.running())
                {
                    missing.add(h.getValue() + (a == null ? " (no task)" : " (" + a.state() +
                        (a.error().isEmpty() ? "" : ": " + a.error()) + ")"));
                }
            }
            // a host whose agent the swarm rejected (no image there, a mount source missing) will not run it by waiting
            if (missing.isEmpty() || missing.stream().anyMatch(m -> m.contains("(rejected")) ||
                System.nanoTime() - deadlineNs >= 0)
            {
                return missing;
            }
            TimeUnit.MILLISECONDS.sleep(300);
        }
    }

    /** The docker commands on the host of swarm node {@code nodeId}; throws naming the host when it cannot be asked. */
    public List<DockerCli.Result> docker(final String nodeId, final List<AgentProtocol.Command> commands,
        final Duration timeout)
    {
        final Agent agent = agents().get(nodeId);
        if (agent == null || !agent.running())
        {
            throw new IllegalStateException("swarm host " + hosts.getOrDefault(nodeId, nodeId) + " has no running agent (" +
                (agent == null ? "no task of " + service : agent.state() + (agent.error().isEmpty() ? "" : ": " +
                agent.error())) + "): docker service ps " + service);
        }
        return call(agent, commands, timeout);
    }

    /** The same docker commands on every host but {@code exceptNodeId}'s, at once; each host's answer or error. */
    public List<HostAnswer> onEveryHost(final List<AgentProtocol.Command> commands, final Duration timeout,
        final String exceptNodeId)
    {
        final Map<String, CompletableFuture<HostAnswer>> futures = new LinkedHashMap<>();
        for (final Map.Entry<String, String> h : hosts.entrySet())
        {
            if (h.getKey().equals(exceptNodeId))
            {
                continue;
            }
            final Agent agent = agents().getOrDefault(h.getKey(), new Agent(h.getKey(), h.getValue(), "no task", null, 0, ""));
            futures.put(h.getKey(), CompletableFuture.supplyAsync(() ->
            {
                if (!agent.running())
                {
                    return new HostAnswer(agent, List.of(), "swarm host " + agent.host() + ": agent " + agent.state() +
                        (agent.error().isEmpty() ? "" : " (" + agent.error() + ")"));
                }
                try
                {
                    return new HostAnswer(agent, call(agent, commands, timeout), null);
                }
                catch (final IllegalStateException ex)
                {
                    return new HostAnswer(agent, List.of(), ex.getMessage());
                }
            }));
        }
        final List<HostAnswer> answers = new ArrayList<>();
        futures.values().forEach(f -> answers.add(f.join()));
        return answers;
    }

    private List<DockerCli.Result> call(final Agent agent, final List<AgentProtocol.Command> commands,
        final Duration timeout)
    {
        final AgentProtocol.Request request = new AgentProtocol.Request(token == null ? "" : token,
            AgentProtocol.OP_DOCKER, commands, timeout.toMillis());
        try (Socket socket = connect(agent, timeout))
        {
            send(socket, request);
            final String line = AgentProtocol.readLine(socket.getInputStream(), AgentProtocol.MAX_REPLY_BYTES);
            if (line == null)
            {
                throw new IllegalStateException("swarm host " + agent.describe() + " closed the connection without an answer");
            }
            final AgentProtocol.Answer answer = AgentProtocol.parseAnswer(line);
            if (answer.error() != null || answer.replies().size() != commands.size())
            {
                throw new IllegalStateException("swarm host " + agent.describe() + ": " + (answer.error() != null ?
                    answer.error() : answer.replies().size() + " replies to " + commands.size() + " commands"));
            }
            final List<DockerCli.Result> results = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++)
            {
                final List<String> command = new ArrayList<>(List.of("docker"));
                command.addAll(commands.get(i).args());
                final AgentProtocol.Reply r = answer.replies().get(i);
                results.add(new DockerCli.Result(command, r.exitCode(), r.stdout(), r.stderr()));
            }
            return results;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new IllegalStateException("swarm host " + agent.describe() + " did not answer within " +
                (timeout.plus(ANSWER_MARGIN).toMillis() / 1000) + " s: " + ex.getMessage(), ex);
        }
    }

    /**
     * Streams the host's log volume (a gzipped tar) into {@code file}; returns the bytes written. Throws naming the
     * host when it cannot be asked or sends more than {@link AgentProtocol#MAX_LOG_BYTES}.
     */
    public long logs(final Agent agent, final Path file, final Duration timeout)
    {
        final AgentProtocol.Request request = new AgentProtocol.Request(token == null ? "" : token, AgentProtocol.OP_LOGS,
            List.of(), timeout.toMillis());
        try (Socket socket = connect(agent, timeout))
        {
            send(socket, request);
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            final String header = AgentProtocol.readLine(in, 1 << 16);
            final AgentProtocol.Answer answer = header == null ? null : AgentProtocol.parseAnswer(header);
            if (answer == null || answer.error() != null)
            {
                throw new IllegalStateException("swarm host " + agent.describe() + " sent no logs" +
                    (answer == null ? "" : ": " + answer.error()));
            }
            long total = 0;
            try (OutputStream out = Files.newOutputStream(file))
            {
                final byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; )
                {
                    total += n;
                    if (total > AgentProtocol.MAX_LOG_BYTES)
                    {
                        throw new IOException("more than " + (AgentProtocol.MAX_LOG_BYTES >> 30) + " GiB");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return total;
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new IllegalStateException("logs of swarm host " + agent.describe() + " not received: " + ex.getMessage(), ex);
        }
    }

    private static Socket connect(final Agent agent, final Duration timeout) throws IOException
    {
        final Socket socket = new Socket();
        try
        {
            socket.connect(new InetSocketAddress(agent.ip(), agent.port()), (int)CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int)Math.min(Integer.MAX_VALUE, timeout.plus(ANSWER_MARGIN).toMillis()));
            return socket;
        }
        catch (final IOException ex)
        {
            socket.close();
            throw ex;
        }
    }

    private static void send(final Socket socket, final AgentProtocol.Request request) throws IOException
    {
        final OutputStream out = socket.getOutputStream();
        out.write((AgentProtocol.encode(request) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
