package io.hearsay.master.demo;

import io.hearsay.master.HearsayMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The main job in one command. A real cluster (Docker containers when an engine answers and the lab image is
 * there, otherwise real daemons as local processes on loopback), membership converged, one event injected, every
 * node's log collected and drawn as propagation curves; then a small simulated scaling ladder of the same
 * strategies so the report can put the real run next to the log N / log log N fits. Every step is one of the
 * ordinary subcommands, so each can be rerun by hand with the command the demo prints.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "The main job: a cluster, an injected event, the curves, and a scaling report.",
        "Uses Docker when an engine and the lab image are ready (see scripts/ensure-docker), otherwise local processes."
    })
public final class DemoCommand implements Callable<Integer>
{
    enum Mode
    {
        auto, docker, local
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "64", description = "real cluster size N (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--mode", defaultValue = "auto", description = "auto, docker or local (default ${DEFAULT-VALUE})")
    Mode mode;

    @Option(names = "--strategy", defaultValue = "push-pull",
        description = "push, pull, push-pull, median-counter (default ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--timing", defaultValue = "periodic", description = "periodic or eager (default ${DEFAULT-VALUE})")
    String timing;

    @Option(names = "--seed", defaultValue = "42", description = "seed of every step (default ${DEFAULT-VALUE}; printed and recorded)")
    long seed;

    @Option(names = "--sim-max-exponent", defaultValue = "20",
        description = "simulated ladder N = 2^4 .. 2^E, E in 8..24 (default ${DEFAULT-VALUE})")
    int simMaxExponent;

    @Option(names = "--sim-runs", defaultValue = "30", description = "simulated runs per size (default ${DEFAULT-VALUE})")
    int simRuns;

    @Option(names = "--no-sim", description = "skip the simulated scaling ladder")
    boolean noSim;

    @Option(names = "--out", description = "demo folder (default runs/demo-<time>)")
    Path out;

    @Override
    public Integer call() throws Exception
    {
        validate();
        final Path demoDir = out != null ? out :
            Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(demoDir) && Files.list(demoDir).findAny().isPresent())
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--out " + demoDir + " exists and is not empty; give a new folder");
        }
        Files.createDirectories(demoDir);
        final Path clusterRun = demoDir.resolve("cluster");
        final boolean docker = useDocker();
        say("demo folder " + demoDir.toAbsolutePath() + " · seed " + seed + " · " + (docker ? "Docker cluster" : "local processes") +
            " · N = " + nodes + " · " + strategy + " · " + timing);

        if (docker)
        {
            runDocker(clusterRun);
        }
        else
        {
            run("local", "--nodes", nodes, "--strategy", strategy, "--timing", timing, "--seed", seed,
                "--processes", Math.max(1, Math.min(4, nodes / 256)), "--out", clusterRun);
        }
        run("curves", clusterRun);

        final List<Object> reportArgs = new ArrayList<>(List.of("report", clusterRun));
        if (!noSim)
        {
            final Path simDir = demoDir.resolve("sim");
            final String[] strategies = {"push-pull", "median-counter", "push", "direct-addressing"};
            for (final String simStrategy : strategies)
            {
                for (int e = 4; e <= simMaxExponent; e += 2)
                {
                    // until quiescent: messages are counted until nobody spreads any more (Karp et al.'s cost)
                    run("sim", "--nodes", 1 << e, "--strategy", simStrategy, "--fidelity", "rounds",
                        "--runs", simRuns, "--seed", seed + e, "--until", "quiescent", "--quiet",
                        "--out", simDir.resolve(simStrategy + "-n" + (1 << e)));
                }
            }
            reportArgs.add(simDir);
        }
        reportArgs.add("--out");
        reportArgs.add(demoDir.resolve("report"));
        reportArgs.add("--seed");
        reportArgs.add(seed);
        run(reportArgs.toArray());

        say("done.");
        say("  curves (x = time, y = nodes that know): " + clusterRun.resolve("curve.png").toAbsolutePath());
        say("  curves by round:                        " + clusterRun.resolve("curve-rounds.png").toAbsolutePath());
        say("  report:                                 " + demoDir.resolve("report").resolve("report.html").toAbsolutePath());
        return 0;
    }

    private void validate()
    {
        if (nodes < 2 || nodes > 10_000)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nodes " + nodes + " is out of range; accepted: 2..10000");
        }
        if (simMaxExponent < 8 || simMaxExponent > 24)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--sim-max-exponent " + simMaxExponent + " is out of range; accepted: 8..24");
        }
        if (simRuns < 1 || simRuns > 1000)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sim-runs " + simRuns + " is out of range; accepted: 1..1000");
        }
    }

    private boolean useDocker()
    {
        if (mode == Mode.local)
        {
            return false;
        }
        final String why = dockerUnavailableReason();
        if (why == null)
        {
            return true;
        }
        if (mode == Mode.docker)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--mode docker: " + why + "; run scripts/ensure-docker first, or use --mode local");
        }
        say("no Docker lab (" + why + "): using local processes");
        return false;
    }

    /** null when an engine answers and the lab's base image is present. */
    private static String dockerUnavailableReason()
    {
        try
        {
            final Process info = new ProcessBuilder("docker", "info", "--format", "{{.ServerVersion}}")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!info.waitFor(10, TimeUnit.SECONDS) || info.exitValue() != 0)
            {
                info.destroyForcibly();
                return "no Docker engine answers";
            }
            final Process image = new ProcessBuilder("docker", "image", "inspect", "hearsay-base:bookworm")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!image.waitFor(10, TimeUnit.SECONDS) || image.exitValue() != 0)
            {
                image.destroyForcibly();
                return "the base image hearsay-base:bookworm is not built";
            }
            return null;
        }
        catch (final Exception ex)
        {
            return "no docker command (" + ex.getMessage() + ")";
        }
    }

    private void runDocker(final Path clusterRun)
    {
        run("cluster", "up", "--nodes", nodes, "--strategy", strategy, "--timing", timing, "--seed", seed,
            "--wait-membership", 300, "--run-dir", clusterRun);
        try
        {
            run("inject", "--count", 1, "--timeout", "60s");
        }
        finally
        {
            run("cluster", "down");
        }
    }

    private void run(final Object... args)
    {
        final String[] argv = new String[args.length];
        final StringBuilder line = new StringBuilder("./hearsay");
        for (int i = 0; i < args.length; i++)
        {
            argv[i] = String.valueOf(args[i]);
            line.append(' ').append(argv[i]);
        }
        say("$ " + line);
        final int exit = HearsayMain.commandLine().execute(argv);
        if (exit != 0)
        {
            throw new IllegalStateException("step failed (exit " + exit + "): " + line);
        }
    }

    private static void say(final String text)
    {
        System.out.println("hearsay demo: " + text);
    }
}
