package io.hearsay.master.live;

import io.hearsay.daemon.control.ControlAuth;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code hearsay live-load}: a load generator for the master's side of the live view ({@link LiveLoadGenerator}):
 * control endpoints on loopback answering live reports for many node identities, without running a cluster. Stops by
 * itself after {@code --duration-s}.
 */
@Command(mixinStandardHelpOptions = true, name = "live-load",
    description = "Answer the master's live-report requests for N synthetic nodes (real SBE LiveReports, no gossip), " +
        "to measure serve/watch at a scale real nodes do not fit on one machine. Stops after --duration-s.")
public final class LiveLoadCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "10000", description = "node identities (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--processes", defaultValue = "8", description = "control endpoints they are spread over (default ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--duration-s", required = true, description = "stop after this long (1..3600)")
    long durationS;

    @Option(names = "--change-every-ms", defaultValue = "5000",
        description = "every this long one member refutes (its incarnation rises in every view, adopted over 1 s; default ${DEFAULT-VALUE})")
    long changeEveryMs;

    @Option(names = "--period-ms", defaultValue = "200",
        description = "an injected event reaches the node at rank r after period x log2(1 + r) (default ${DEFAULT-VALUE})")
    long periodMs;

    @Option(names = "--cluster", defaultValue = "hearsay", description = "cluster named in the answers (default ${DEFAULT-VALUE})")
    String cluster;

    @Option(names = "--log-dir", description = "the generator's event log (when each node learned an event), a Chronicle queue")
    Path logDir;

    @Option(names = "--endpoints-file", description = "write the control endpoints here, comma-separated (for serve --control)")
    Path endpointsFile;

    @Option(names = "--seed", defaultValue = "1", description = "seed (boot id; default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception
    {
        if (durationS < 1 || durationS > 3600)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--duration-s " + durationS + "; accepted: 1..3600");
        }
        try (LiveLoadGenerator generator = create())
        {
            final String endpoints = generator.endpoints().stream()
                .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).collect(Collectors.joining(","));
            if (endpointsFile != null)
            {
                Files.writeString(endpointsFile, endpoints + "\n", StandardCharsets.UTF_8);
            }
            System.out.println("live-load: " + nodes + " nodes of cluster " + cluster + " on control " + endpoints +
                " for " + durationS + " s (seed " + seed + ")");
            System.out.flush();
            generator.run(durationS * 1000);
            System.out.println("live-load: " + generator.reportsSent() + " reports sent; stopped");
        }
        return 0;
    }

    private LiveLoadGenerator create() throws java.io.IOException
    {
        try
        {
            return new LiveLoadGenerator(nodes, processes, changeEveryMs, periodMs, cluster, ControlAuth.fromEnvironment(),
                logDir, seed);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
    }
}
