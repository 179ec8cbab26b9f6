package io.hearsay.master.cluster;

import io.hearsay.core.Addresses;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.master.options.DaemonOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./hearsay daemon}: one process hosting K nodes on consecutive ports (or ephemeral ones with
 * {@code --port 0}). Prints one line starting {@code READY} with its addresses, control port and seed, records its
 * configuration next to its event log, and runs until terminated (SIGTERM writes final statistics and closes the log).
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
    description = "Run one daemon process hosting --nodes K gossip nodes on ports P..P+K-1.")
public final class DaemonCommand implements Callable<Integer>
{
    public static final String READY = "READY";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON file of every setting below, as ./hearsay " +
        "local and cluster up write for their daemons; no other option may be given with it")
    Path config;

    @Mixin
    DaemonOptions options = new DaemonOptions();

    @Override
    public Integer call() throws Exception
    {
        if (config != null)
        {
            options = configured();
        }
        final ShellConfig shellConfig;
        try
        {
            shellConfig = options.shellConfig();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        final HearsayDaemon daemon;
        try
        {
            daemon = new HearsayDaemon(shellConfig);
        }
        catch (final java.io.IOException | IllegalArgumentException ex)
        {
            System.err.println("hearsay daemon: " + ex.getMessage());
            return 1;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            daemon.close();
            stopped.countDown();
        }, "hearsay-shutdown"));
        final Path logDir = options.logDir;
        if (logDir != null)
        {
            Files.createDirectories(logDir);
            Files.writeString(logDir.resolve("daemon-" + Addresses.toString(daemon.node(0).address()).replace(':', '-') +
                ".properties"), shellConfig.toString(), StandardCharsets.UTF_8);
        }
        daemon.start();
        final InetSocketAddress control = daemon.controlAddress();
        System.out.println(READY + " nodes=" + shellConfig.nodes() +
            " first=" + Addresses.toString(daemon.node(0).address()) +
            " last=" + Addresses.toString(daemon.node(shellConfig.nodes() - 1).address()) +
            " control=" + (control == null ? "none" : control.getAddress().getHostAddress() + ":" + control.getPort()) +
            " api=" + daemon.apiPort() + " cluster=" + shellConfig.nodeConfig().clusterName() +
            " control-auth=" + (shellConfig.controlToken() != null && !shellConfig.controlToken().isBlank() ? "token" :
                shellConfig.keyring() != null ? "keyring" : "none") +
            " seed=" + shellConfig.seed() + " encrypted=" + (shellConfig.keyring() != null) +
            " log=" + (daemon.logPath() == null ? "none" : daemon.logPath()));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The settings of {@code --config FILE}, refusing other options beside it (which of the two would win?). */
    private DaemonOptions configured() throws java.io.IOException
    {
        for (final CommandLine.Model.OptionSpec given : spec.commandLine().getParseResult().matchedOptions())
        {
            if (!given.longestName().equals("--config") && !given.longestName().equals("--debug"))
            {
                throw new CommandLine.ParameterException(spec.commandLine(), given.longestName() + " given beside " +
                    "--config " + config + ": the file holds every setting; put it there or drop --config");
            }
        }
        return DaemonOptions.read(config);
    }
}
