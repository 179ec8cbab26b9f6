package io.hearsay.master.swarm;

import io.hearsay.core.Addresses;
import io.hearsay.master.cluster.ClusterLauncher;
import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterSpec;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.DockerCli;
import io.hearsay.master.cluster.LabScripts;
import io.hearsay.master.cluster.NetworkKind;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A cluster as a Docker Swarm stack: one service per worker container (K nodes each, {@code --restart-condition none},
 * DNS round robin so a service name is its container's address), its daemon configuration and roster handed out as
 * swarm configs (they reach every host), its logs in a per-run volume on each host, its console in the swarm's service
 * logs. The services carry the stack label {@code com.docker.stack.namespace=hearsay-NAME}, so {@code docker stack
 * services hearsay-NAME} lists them. The host reaches the overlay through the lab's gateway container
 * ({@code docker/swarm-net-up}), so control ports, probes and faults work as on the single-host lab.
 */
public final class SwarmLab
{
    public static final String GATEWAY = "hearsay-swarm-gw";
    /** the lab's bridge network, which the gateway joins: workers route it through the gateway */
    public static final String GATEWAY_NET = "10.214.0.0/16";
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** asking every other host's agent for its containers' states (and memory) */
    public static final Duration VIEW_TIMEOUT = Duration.ofSeconds(10);
    /** waiting for every host's agent to run, after the workers' tasks run */
    public static final Duration AGENTS_TIMEOUT = Duration.ofSeconds(60);
    /** waiting for every task to run: this long plus a second per 10 containers */
    public static final Duration TASKS_TIMEOUT = Duration.ofSeconds(120);
    static final String TASK_FORMAT = "{{index .Spec.ContainerSpec.Labels \"hearsay.index\"}}|{{.NodeID}}|{{.Status.State}}|" +
        "{{range .NetworksAttachments}}{{if eq .Network.Spec.Name \"" + NetworkKind.OVERLAY.dockerName() + "\"}}" +
        "{{range .Addresses}}{{.}} {{end}}{{end}}{{end}}|{{if .Status.ContainerStatus}}{{.Status.ContainerStatus.ContainerID}}" +
        "{{end}}|{{.Status.Err}}";

    private final DockerCli docker;
    private final LabScripts scripts;
    private final PrintStream out;

    public SwarmLab(final DockerCli docker, final LabScripts scripts, final PrintStream out)
    {
        this.docker = docker;
        this.scripts = scripts;
        this.out = out;
    }

    public static String stack(final ClusterSpec spec)
    {
        return "hearsay-" + spec.name;
    }

    /** the per-run log volume (one on each host that runs a container of the run) */
    public static String logVolume(final ClusterSpec spec)
    {
        return "hearsay-logs-" + spec.gossipCluster();
    }

    /**
     * Engine, images, the lab's bridge network, swarm mode (a one-node swarm of this engine when it is in none), the
     * overlay network and the gateway. Returns the gateway's address on the overlay.
     */
    public String prepare(final Path runsRoot)
    {
        scripts.ensureEngine();
        scripts.ensureImages();
        scripts.networksUp();
        final String said = scripts.swarmNetUp(runsRoot);
        final String[] lines = said.trim().split("\n");
        final String gateway = lines[lines.length - 1].trim();
        if (!io.hearsay.master.options.HostNames.isDotted(gateway))
        {
            throw new IllegalStateException("docker/swarm-net-up did not name the gateway's overlay address: " + said);
        }
        return gateway;
    }

    /**
     * Starts the stack of {@code state} and waits until every task runs with an address; writes the task table to the
     * run folder. Returns the milliseconds from the first service created to the last task running.
     */
    public long up(final ClusterState state, final String gatewayIp)
    {
        final ClusterPlan plan = state.plan();
        final ClusterSpec spec = plan.spec();
        final String existing = docker.docker(CALL_TIMEOUT, "service", "ls", "-q", "--filter",
            "label=hearsay.cluster=" + spec.name).stdout().trim();
        if (!existing.isEmpty())
        {
            throw new IllegalStateException("a swarm cluster named '" + spec.name + "' is already up; run: hearsay cluster down");
        }
        final String image = docker.docker(CALL_TIMEOUT, "image", "inspect", "-f", "{{.Id}}", spec.image).orThrow();
        ClusterLauncher.writeDaemonConfigs(state);
        SwarmAgents.start(docker, state, image, gatewayIp);
        awaitAgents(state, spec, image);
        final String tag = spec.gossipCluster().replaceFirst("^hearsay-", "");
        final String roster = spec.rosterFormation() ? createConfig("hearsay-" + spec.name + "-roster-" + tag,
            state.runDir().resolve(ClusterPlan.ROSTER_FILE)) : null;
        final long startNs = System.nanoTime();
        final List<java.util.function.Supplier<DockerCli.Result>> calls = new ArrayList<>();
        for (final ContainerSlot slot : plan.slots())
        {
            calls.add(() ->
            {
                final String config = createConfig("hearsay-" + spec.name + "-" + slot.label() + "-" + tag,
                    state.runDir().resolve(ClusterPlan.daemonConfigFile(slot)));
                return docker.docker(CALL_TIMEOUT, serviceArgs(plan, slot, image, config, roster, gatewayIp)
                    .toArray(String[]::new));
            });
        }
        ClusterLauncher.runAll(calls, "services created", out);
        final List<SwarmTask> tasks = awaitTasks(state, TASKS_TIMEOUT.plusSeconds(plan.slots().size() / 10));
        final long upMs = (System.nanoTime() - startNs) / 1_000_000;
        writeTasks(state, tasks);
        state.record("up_ms", Long.toString(upMs));
        state.record("swarm_hosts", Long.toString(tasks.stream().map(SwarmTask::host).distinct().count()));
        out.println("placement: " + placement(tasks, spec));
        if (spec.master)
        {
            startMaster(ClusterState.load(state.runDir()), image, gatewayIp);
        }
        return upMs;
    }

    /**
     * Every host's agent running (they run the workers' image: a host without it is where the agent's task is
     * rejected, and the run stops there naming it, before any worker starts); a host whose agent fails otherwise is
     * named in a warning (faults, status and gather cannot reach its containers).
     */
    private void awaitAgents(final ClusterState state, final ClusterSpec spec, final String image)
    {
        final long startNs = System.nanoTime();
        try
        {
            final List<String> missing = agents(state).await(AGENTS_TIMEOUT);
            final List<String> lacking = missing.stream().filter(m -> m.contains("No such image")).toList();
            if (!lacking.isEmpty())
            {
                throw new IllegalStateException("hosts without the image " + spec.image + " (" + image.substring(0,
                    Math.min(19, image.length())) + "): " + String.join(", ", lacking) + "; load it there with: " +
                    "docker save " + spec.image + " | ssh HOST docker load (docker/SWARM.md)");
            }
            if (missing.isEmpty())
            {
                out.printf(java.util.Locale.ROOT, "agents running on every host in %.1f s%n", (System.nanoTime() - startNs) / 1e9);
            }
            else
            {
                out.println("WARNING: no agent running on " + String.join(", ", missing) + " after " +
                    AGENTS_TIMEOUT.toSeconds() + " s: kernel and process faults, status and gather cannot reach the " +
                    "containers there (docker service ps " + SwarmAgents.serviceName(spec) + ")");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the agents", ex);
        }
    }

    /** {@code docker service create ...} (without "docker") for one worker container */
    static List<String> serviceArgs(final ClusterPlan plan, final ContainerSlot slot, final String image,
        final String config, final String roster, final String gatewayIp)
    {
        final ClusterSpec spec = plan.spec();
        final List<String> args = new ArrayList<>(List.of("service", "create", "-d", "-q", "--name", slot.name(),
            "--hostname", slot.label(), "--endpoint-mode", "dnsrr", "--network", NetworkKind.OVERLAY.dockerName(),
            "--restart-condition", "none", "--cap-add", "NET_ADMIN", "--stop-grace-period", "2s",
            "--log-driver", "json-file", "--log-opt", "max-size=20m"));
        labels(args, spec, slot.index());
        args.addAll(List.of("--config", "source=" + config + ",target=" + ClusterPlan.DAEMONS_MOUNT + "/" + slot.label() + ".json"));
        if (roster != null)
        {
            args.addAll(List.of("--config", "source=" + roster + ",target=" + ClusterPlan.ROSTER_MOUNT));
        }
        args.addAll(List.of("--mount", "type=volume,source=" + logVolume(spec) + ",target=" + ClusterPlan.LOG_MOUNT +
            ",volume-label=hearsay.lab=1"));
        args.addAll(List.of("--env", "HEARSAY_NOTRACK_PORTS=" + spec.notrackPorts(),
            "--env", "HEARSAY_JAVA_OPTS=" + ClusterPlan.javaOpts(spec.heapMb),
            "--env", "HEARSAY_GATEWAY=" + gatewayIp, "--env", "HEARSAY_GATEWAY_NET=" + GATEWAY_NET));
        if (spec.controlToken != null)
        {
            args.addAll(List.of("--env", io.hearsay.daemon.control.ControlAuth.TOKEN_ENV + "=" + spec.controlToken));
        }
        args.add(image);
        args.addAll(plan.daemonArgs(slot));
        return args;
    }

    private static void labels(final List<String> args, final ClusterSpec spec, final int index)
    {
        for (final String label : List.of("hearsay.lab=1", "hearsay.cluster=" + spec.name, "hearsay.swarm=1",
            "com.docker.stack.namespace=" + stack(spec)))
        {
            args.addAll(List.of("--label", label, "--container-label", label));
        }
        if (index >= 0)
        {
            args.addAll(List.of("--container-label", "hearsay.index=" + index));
        }
    }

    private String createConfig(final String name, final Path file)
    {
        docker.docker(CALL_TIMEOUT, "config", "create", "--label", "hearsay.lab=1", name, file.toString()).orThrow();
        return name;
    }

    /** swarm node id -> host name, every node of the swarm */
    public Map<String, String> hosts()
    {
        final Map<String, String> hosts = new TreeMap<>();
        for (final String line : lines(docker.docker(CALL_TIMEOUT, "node", "ls", "--format", "{{.ID}} {{.Hostname}}").stdout()))
        {
            final String[] parts = line.trim().split("\\s+");
            if (parts.length == 2)
            {
                hosts.put(parts[0], parts[1]);
            }
        }
        return hosts;
    }

    /** this engine's swarm node id ("" outside a swarm) */
    public String selfNodeId()
    {
        return docker.docker(CALL_TIMEOUT, "info", "-f", "{{.Swarm.NodeID}}").stdout().trim();
    }

    /** The task of every container of {@code state} that the swarm knows (the newest one per container). */
    public List<SwarmTask> tasks(final ClusterState state)
    {
        final List<String> services = new ArrayList<>();
        for (final ContainerSlot slot : state.plan().slots())
        {
            services.add(slot.name());
        }
        final List<String> ids = new ArrayList<>();
        for (int from = 0; from < services.size(); from += 100)
        {
            final List<String> args = new ArrayList<>(List.of("service", "ps", "-q", "--no-trunc"));
            args.addAll(services.subList(from, Math.min(services.size(), from + 100)));
            ids.addAll(lines(docker.docker(CALL_TIMEOUT, args.toArray(String[]::new)).stdout()));
        }
        final Map<String, String> hosts = hosts();
        final Map<Integer, SwarmTask> byIndex = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += 100)
        {
            final List<String> args = new ArrayList<>(List.of("inspect", "--type", "task", "--format", TASK_FORMAT));
            args.addAll(ids.subList(from, Math.min(ids.size(), from + 100)));
            for (final String line : lines(docker.docker(CALL_TIMEOUT, args.toArray(String[]::new)).stdout()))
            {
                final SwarmTask task = parseTask(line, hosts);
                if (task != null && (!byIndex.containsKey(task.index()) || !byIndex.get(task.index()).running()))
                {
                    byIndex.put(task.index(), task);
                }
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    /** one line of {@link #TASK_FORMAT}; null when it is not a task of the lab */
    static SwarmTask parseTask(final String line, final Map<String, String> hosts)
    {
        final String[] f = line.split("\\|", 6);
        if (f.length < 6 || !f[0].trim().matches("\\d+"))
        {
            return null;
        }
        int ipv4 = 0;
        final String address = f[3].trim();
        if (!address.isEmpty())
        {
            final String ip = address.split("\\s+")[0].replaceFirst("/\\d+$", "");
            ipv4 = Addresses.ipv4(Addresses.parse(ip + ":1"));
        }
        final String nodeId = f[1].trim();
        return new SwarmTask(Integer.parseInt(f[0].trim()), nodeId, hosts.getOrDefault(nodeId, nodeId), f[2].trim(),
            ipv4, f[4].trim(), f[5].trim());
    }

    /** Waits until every container's task runs with an address; throws naming the ones that failed or still wait. */
    List<SwarmTask> awaitTasks(final ClusterState state, final Duration timeout)
    {
        final int expected = state.plan().slots().size();
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        final long startNs = System.nanoTime();
        long lastReportNs = startNs;
        try
        {
            while (true)
            {
                final List<SwarmTask> tasks = tasks(state);
                final List<String> failed = new ArrayList<>();
                int running = 0;
                for (final SwarmTask t : tasks)
                {
                    if (t.running() && t.ipv4() != 0)
                    {
                        running++;
                    }
                    else if (t.terminal())
                    {
                        failed.add("c" + t.index() + " on " + t.host() + ": " + t.state() + (t.error().isBlank() ? "" :
                            " (" + t.error() + ")"));
                    }
                }
                if (!failed.isEmpty())
                {
                    throw new IllegalStateException(failed.size() + " containers did not start; first: " + failed.get(0));
                }
                if (running == expected)
                {
                    return tasks;
                }
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new IllegalStateException("only " + running + " of " + expected + " swarm tasks run after " +
                        timeout.toSeconds() + " s (docker service ls --filter label=hearsay.cluster=" +
                        state.spec().name + " shows them)");
                }
                if (System.nanoTime() - lastReportNs > 5_000_000_000L)
                {
                    out.printf("  %d/%d swarm tasks running (%.1f s)%n", running, expected, (System.nanoTime() - startNs) / 1e9);
                    lastReportNs = System.nanoTime();
                }
                TimeUnit.MILLISECONDS.sleep(300);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the swarm's tasks", ex);
        }
    }

    /** Writes the run folder's task table: {@code cN.ip}, {@code cN.host}, {@code cN.node}, {@code cN.container}. */
    public static void writeTasks(final ClusterState state, final List<SwarmTask> tasks)
    {
        final Properties p = new Properties();
        for (final SwarmTask t : tasks)
        {
            final String c = "c" + t.index();
            p.setProperty(c + ".ip", NetworkKind.dotted(t.ipv4()));
            p.setProperty(c + ".host", t.host());
            p.setProperty(c + ".node", t.nodeId());
            p.setProperty(c + ".container", t.containerId());
        }
        try (Writer w = Files.newBufferedWriter(state.runDir().resolve(ClusterState.SWARM_TASKS), StandardCharsets.UTF_8))
        {
            p.store(w, "swarm tasks of cluster " + state.spec().name + ": address, host, swarm node, container id");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the swarm task table in " + state.runDir(), ex);
        }
    }

    /** Reads the run folder's task table (written at up): index -> task. */
    public static Map<Integer, SwarmTask> readTasks(final Path runDir)
    {
        final Properties p = new Properties();
        final Path file = runDir.resolve(ClusterState.SWARM_TASKS);
        try (java.io.Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            p.load(r);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the swarm task table " + file + ": " + ex.getMessage(), ex);
        }
        final Map<Integer, SwarmTask> tasks = new TreeMap<>();
        for (final String key : p.stringPropertyNames())
        {
            if (key.matches("c\\d+\\.ip"))
            {
                final String c = key.substring(0, key.indexOf('.'));
                final int index = Integer.parseInt(c.substring(1));
                tasks.put(index, new SwarmTask(index, p.getProperty(c + ".node", ""), p.getProperty(c + ".host", ""),
                    "running", Addresses.ipv4(Addresses.parse(p.getProperty(key) + ":1")),
                    p.getProperty(c + ".container", ""), ""));
            }
        }
        return tasks;
    }

    /** "vm: 16 containers (64 nodes); ..." */
    public static String placement(final List<SwarmTask> tasks, final ClusterSpec spec)
    {
        final Map<String, int[]> perHost = new TreeMap<>();
        for (final SwarmTask t : tasks)
        {
            final int[] counts = perHost.computeIfAbsent(t.host(), h -> new int[2]);
            counts[0]++;
            counts[1] += spec.nodesIn(t.index());
        }
        final List<String> parts = new ArrayList<>();
        perHost.forEach((host, c) -> parts.add(host + ": " + c[0] + " containers (" + c[1] + " nodes)"));
        return String.join("; ", parts);
    }

    /** Each container's state and (when asked) memory, across hosts; the hosts that could not be asked, named. */
    public record HostViews(Map<String, String> states, Map<String, Double> memoryMib, List<String> problems)
    {
    }

    /** the agents of {@code state}'s run, one per host of the swarm */
    public SwarmAgents agents(final ClusterState state)
    {
        return new SwarmAgents(docker, state, hosts());
    }

    /**
     * Docker's view of each container: service name -> task state, refined by each host's engine for the containers it
     * runs (a paused container is a running task to the swarm): this host's directly, every other host's through its
     * agent, all at once and bounded by {@link #VIEW_TIMEOUT}. With {@code memory}, also each container's memory (MiB,
     * by container name) on the other hosts (this host's: {@code ClusterLauncher.memoryMib}).
     */
    public HostViews views(final ClusterState state, final boolean memory)
    {
        final String cluster = state.spec().name;
        final Map<String, String> states = new HashMap<>();
        for (final SwarmTask t : tasks(state))
        {
            states.put(state.plan().slots().get(t.index()).name(), t.state());
        }
        final List<String> ps = List.of("ps", "-a", "--filter", "label=hearsay.cluster=" + cluster, "--filter",
            "label=hearsay.swarm=1", "--format", "{{.Label \"com.docker.swarm.service.name\"}} {{.State}}");
        refine(states, docker.docker(CALL_TIMEOUT, ps.toArray(String[]::new)).stdout());
        final List<AgentProtocol.Command> commands = new ArrayList<>(List.of(new AgentProtocol.Command(ps, null)));
        if (memory)
        {
            commands.add(new AgentProtocol.Command(List.of("stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}"), null));
        }
        final Map<String, Double> memoryMib = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        for (final SwarmAgents.HostAnswer a : agents(state).onEveryHost(commands, VIEW_TIMEOUT, selfNodeId()))
        {
            if (!a.ok())
            {
                problems.add(a.error());
                continue;
            }
            refine(states, a.results().get(0).stdout());
            if (memory)
            {
                memoryMib.putAll(ClusterLauncher.memoryMib(cluster, a.results().get(1).stdout()));
            }
        }
        return new HostViews(states, memoryMib, problems);
    }

    /** Docker's view of each container across hosts: service name -> state (see {@link #views}). */
    public Map<String, String> containerStates(final ClusterState state)
    {
        return views(state, false).states();
    }

    private static void refine(final Map<String, String> states, final String psOutput)
    {
        for (final String line : lines(psOutput))
        {
            final String[] parts = line.trim().split(" ");
            if (parts.length == 2 && states.containsKey(parts[0]) && "running".equals(states.get(parts[0])))
            {
                states.put(parts[0], parts[1]);
            }
        }
    }

    /** The master as a service on this host (its run folder is here), on the overlay; its dashboard via the gateway. */
    private void startMaster(final ClusterState state, final String image, final String gatewayIp)
    {
        final ClusterSpec spec = state.spec();
        final String token = ClusterLauncher.dashboardToken(state.runDir());
        final List<String> args = new ArrayList<>(List.of("service", "create", "-d", "-q", "--name",
            ClusterPlan.masterName(spec.name), "--hostname", "master", "--endpoint-mode", "dnsrr",
            "--network", NetworkKind.OVERLAY.dockerName(), "--restart-condition", "none", "--cap-add", "NET_ADMIN",
            "--constraint", "node.id==" + selfNodeId(), "--log-driver", "json-file", "--log-opt", "max-size=20m",
            "--mount", "type=bind,source=" + state.runDir() + ",target=/run/hearsay/run"));
        labels(args, spec, -1);
        args.addAll(List.of("--container-label", "hearsay.role=master",
            "--env", "HEARSAY_JAVA_OPTS=" + ClusterPlan.javaOpts(128), "--env", "HEARSAY_DASHBOARD_TOKEN=" + token,
            "--env", "HEARSAY_GATEWAY=" + gatewayIp, "--env", "HEARSAY_GATEWAY_NET=" + GATEWAY_NET,
            "--env", io.hearsay.daemon.control.ControlAuth.TOKEN_ENV + "=" + (spec.controlToken == null ? "" : spec.controlToken),
            image, "master", "--run-dir", "/run/hearsay/run", "--dashboard-port", Integer.toString(spec.dashboardPort),
            "--bind", "0.0.0.0", "--log-dir", "/run/hearsay/run/master-log"));
        docker.docker(CALL_TIMEOUT, args.toArray(String[]::new)).orThrow();
        out.println("master service " + ClusterPlan.masterName(spec.name) + " started; its dashboard is on port " +
            spec.dashboardPort + " of its overlay address (reached through the gateway): " +
            "docker service ps " + ClusterPlan.masterName(spec.name));
    }

    static List<String> lines(final String text)
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : text.split("\n"))
        {
            if (!line.isBlank())
            {
                lines.add(line.trim());
            }
        }
        return lines;
    }
}
