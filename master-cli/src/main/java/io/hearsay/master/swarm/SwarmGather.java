package io.hearsay.master.swarm;

import io.hearsay.master.analysis.HostClocks;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.ControlPorts;
import io.hearsay.master.cluster.DockerCli;
import io.hearsay.master.cluster.NetworkKind;

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
import java.util.concurrent.CompletableFuture;

/**
 * Brings a swarm run's records from every host into its run folder, while the daemons still run: the clock offset
 * of each host against the master ({@link ClockProbe}), each container's console (the swarm's service logs, to
 * {@code console/cN.log}), and each host's log volume: a global job (one task on every host) mounts the run's volume
 * and streams it as a gzipped tar over the overlay to the gateway ({@link LogReceiver}, which writes
 * {@code HOST.tar.gz} under the runs folder it mounts), then unpacked into the run's {@code logs/} (queue folders are named after
 * their daemon's first address, so hosts never collide). Writes {@code gathered} when done.
 */
public final class SwarmGather
{
    public static final int RECEIVER_PORT = 7899;
    public static final String DONE = "gathered";
    static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(180);

    private final DockerCli docker;
    private final SwarmLab swarm;
    private final Path runsRoot;
    private final PrintStream out;

    /** @param runsRoot the runs folder the gateway mounts (docker/swarm-net-up): archives arrive under it */
    public SwarmGather(final DockerCli docker, final SwarmLab swarm, final Path runsRoot, final PrintStream out)
    {
        this.docker = docker;
        this.swarm = swarm;
        this.runsRoot = runsRoot.toAbsolutePath();
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

    private void consoles(final ClusterState state)
    {
        for (final ContainerSlot slot : state.plan().slots())
        {
            final DockerCli.Result r = docker.docker(SwarmLab.CALL_TIMEOUT, "service", "logs", "--raw", slot.name());
            write(state.runDir().resolve("console").resolve(slot.label() + ".log"), r.stdout() + r.stderr());
        }
    }

    /** Returns how many hosts' logs arrived. */
    private int logs(final ClusterState state)
    {
        final String gatewayIp = docker.docker(SwarmLab.CALL_TIMEOUT, "inspect", "-f",
            "{{(index .NetworkSettings.Networks \"" + NetworkKind.OVERLAY.dockerName() + "\").IPAddress}}",
            SwarmLab.GATEWAY).orThrow();
        final int expect = swarm.hosts().size();
        final String job = "hearsay-gather-" + Long.toHexString(System.nanoTime() & 0xFFFFFFL);
        final Path hostsDir = runsRoot.resolve(".swarm-gather").resolve(job);
        final CompletableFuture<DockerCli.Result> receiver = CompletableFuture.supplyAsync(() ->
            docker.docker(RECEIVE_TIMEOUT.plusSeconds(30), "exec", SwarmLab.GATEWAY, "java", "@/opt/hearsay/jvm.options",
                "-Xmx64m", "-jar", "/opt/hearsay/hearsay.jar", "cluster", "receive-logs", "--dir", hostsDir.toString(),
                "--expect", Integer.toString(expect), "--timeout-s", Long.toString(RECEIVE_TIMEOUT.toSeconds())));
        final DockerCli.Result created = docker.docker(SwarmLab.CALL_TIMEOUT, senderArgs(state, job, gatewayIp)
            .toArray(String[]::new));
        try
        {
            if (!created.ok())
            {
                out.println("logs not gathered: " + created.describe());
                return 0;
            }
            final DockerCli.Result received = receiver.join();
            for (final String line : SwarmLab.lines(received.stdout()))
            {
                if (line.startsWith("refused"))
                {
                    out.println("log gathering " + line);
                }
            }
            int hosts = 0;
            try (var files = Files.list(hostsDir))
            {
                for (final Path archive : files.filter(f -> f.toString().endsWith(".tar.gz")).sorted().toList())
                {
                    final DockerCli.Result untar = DockerCli.exec(null, null, SwarmLab.CALL_TIMEOUT, List.of("tar",
                        "-xzf", archive.toString(), "-C", state.logsDir().toString()));
                    if (untar.ok())
                    {
                        hosts++;
                    }
                    else
                    {
                        out.println("cannot unpack " + archive + ": " + untar.stderr().trim());
                    }
                }
            }
            catch (final IOException ex)
            {
                out.println("no host's logs arrived in " + hostsDir + " (" + received.describe() + ")");
            }
            if (hosts < expect)
            {
                out.printf("logs of %d of %d hosts arrived (%s)%n", hosts, expect, received.describe());
            }
            return hosts;
        }
        finally
        {
            docker.docker(SwarmLab.CALL_TIMEOUT, "service", "rm", job);
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

    /** the global job that streams each host's log volume to the gateway */
    static List<String> senderArgs(final ClusterState state, final String job, final String gatewayIp)
    {
        // retry the connection while the receiver starts; tar's complaints about files still being written are harmless;
        // -S: the queues' files are mostly holes (preallocated), which need not be read or sent
        final String script = "for i in $(seq 1 150); do exec 3<>/dev/tcp/" + gatewayIp + "/" + RECEIVER_PORT +
            " 2>/dev/null && break; sleep 0.2; done; { echo \"$(hostname)\"; tar -C /logs -cSzf - . 2>/dev/null; } >&3; exit 0";
        return new ArrayList<>(List.of("service", "create", "-d", "-q", "--mode", "global-job", "--name", job,
            "--label", "hearsay.lab=1", "--container-label", "hearsay.lab=1", "--container-label", "hearsay.swarm=1",
            "--restart-condition", "none", "--network", NetworkKind.OVERLAY.dockerName(),
            "--hostname", "{{.Node.Hostname}}",
            "--mount", "type=volume,source=" + SwarmLab.logVolume(state.spec()) + ",target=/logs,readonly," +
                "volume-label=hearsay.lab=1",
            state.spec().image, "bash", "-c", script));
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
