package io.hearsay.master.swarm;

import io.hearsay.master.analysis.HostClocks;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.ControlPorts;
import io.hearsay.master.cluster.DockerCli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Brings a swarm run's records from every host into its run folder, while the daemons still run: the clock offset
 * of each host against the master ({@link ClockProbe}), each container's console (the swarm's service logs, to
 * {@code console/cN.log}, several at a time), and each host's log volume: every host's agent ({@link SwarmAgents}, which
 * mounts the run's volume there) streams it as a gzipped tar over the overlay, all hosts at once, unpacked into the
 * run's {@code logs/} (queue folders are named after their daemon's first address, so hosts never collide). A host whose
 * agent does not answer is named; the others' logs are kept. Writes {@code gathered} when done.
 */
public final class SwarmGather
{
    public static final String DONE = "gathered";
    static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(180);

    private final DockerCli docker;
    private final SwarmLab swarm;
    private final PrintStream out;

    public SwarmGather(final DockerCli docker, final SwarmLab swarm, final PrintStream out)
    {
        this.docker = docker;
        this.swarm = swarm;
        this.out = out;
    }

    public static boolean gathered(final Path runDir)
    {
        return Files.isRegularFile(runDir.resolve(DONE));
    }

    /** Clocks, consoles and logs of every host into the run folder. */
    public void gather(final ClusterState state)
    {
        final long startNs = System.nanoTime();
        try (ControlPorts control = new ControlPorts())
        {
            final List<HostClocks.Host> hosts = ClockProbe.measureAndWrite(state, control);
            for (final HostClocks.Host h : hosts)
            {
                out.printf(Locale.ROOT, "clock of %s: %+.3f ms against the master, +/- %.3f ms (%d containers)%n",
                    h.host(), h.offsetNs() / 1e6, h.uncertaintyNs() / 1e6, h.containers());
            }
        }
        catch (final IOException ex)
        {
            out.println("clock offsets not measured: " + ex.getMessage());
        }
        consoles(state);
        final int hosts = logs(state);
        write(state.runDir().resolve(DONE), "");
        out.printf(Locale.ROOT, "gathered clocks, consoles and the logs of %d hosts into %s in %.1f s%n", hosts,
            state.runDir(), (System.nanoTime() - startNs) / 1e9);
    }

    /** every container's console (the swarm's service logs), 8 at a time; one that cannot be read is named in its file */
    private void consoles(final ClusterState state)
    {
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try
        {
            final List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (final ContainerSlot slot : state.plan().slots())
            {
                writes.add(CompletableFuture.runAsync(() ->
                {
                    final DockerCli.Result r = docker.docker(SwarmLab.CALL_TIMEOUT, "service", "logs", "--raw", slot.name());
                    write(state.runDir().resolve("console").resolve(slot.label() + ".log"),
                        r.ok() ? r.stdout() + r.stderr() : "console not read: " + r.describe() + "\n");
                }, pool));
            }
            writes.forEach(CompletableFuture::join);
        }
        finally
        {
            pool.shutdown();
        }
    }

    /** Every host's log volume through its agent, all hosts at once, unpacked into the run's logs; returns how many arrived. */
    private int logs(final ClusterState state)
    {
        final Map<String, String> hosts = swarm.hosts();
        final SwarmAgents agents = swarm.agents(state);
        final Path hostsDir = state.runDir().resolve(".gather");
        final List<CompletableFuture<String>> arrivals = new ArrayList<>();
        try
        {
            Files.createDirectories(hostsDir);
            for (final Map.Entry<String, String> host : hosts.entrySet())
            {
                final SwarmAgents.Agent agent = agents.agents().get(host.getKey());
                arrivals.add(CompletableFuture.supplyAsync(() ->
                {
                    if (agent == null || !agent.running())
                    {
                        return "logs of swarm host " + host.getValue() + " not gathered: no running agent there (" +
                            (agent == null ? "no task" : agent.state()) + ")";
                    }
                    final Path archive = hostsDir.resolve(host.getKey() + ".tar.gz");
                    try
                    {
                        agents.logs(agent, archive, RECEIVE_TIMEOUT);
                    }
                    catch (final IllegalStateException ex)
                    {
                        return ex.getMessage();
                    }
                    final DockerCli.Result untar = DockerCli.exec(null, null, SwarmLab.CALL_TIMEOUT, List.of("tar",
                        "-xzf", archive.toString(), "-C", state.logsDir().toString()));
                    return untar.ok() ? null : "cannot unpack the logs of swarm host " + agent.host() + ": " +
                        untar.stderr().trim();
                }));
            }
            int arrived = 0;
            for (final CompletableFuture<String> f : arrivals)
            {
                final String problem = f.join();
                if (problem == null)
                {
                    arrived++;
                }
                else
                {
                    out.println(problem);
                }
            }
            if (arrived < hosts.size())
            {
                out.printf("logs of %d of %d hosts arrived%n", arrived, hosts.size());
            }
            return arrived;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot make " + hostsDir, ex);
        }
        finally
        {
            deleteRecursively(hostsDir);
        }
    }

    private static void deleteRecursively(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (var walk = Files.walk(dir))
        {
            for (final Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
        catch (final IOException ex)
        {
            // a leftover temporary folder under runs/.swarm-gather; nothing depends on it
        }
    }

    private static void write(final Path file, final String text)
    {
        try
        {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}
