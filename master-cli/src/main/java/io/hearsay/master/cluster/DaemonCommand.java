package io.hearsay.master.cluster;

import io.hearsay.core.Addresses;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.core.impair.LinkImpairment;
import io.hearsay.wire.Keyring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "IPv4 address to bind (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "7946", description = "first node's UDP port; 0 = ephemeral (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--nodes", defaultValue = "1", description = "nodes hosted by this process (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--seeds", description = "ip:port,... to join; without, nodes join this process's first node")
    String seeds;

    @Option(names = "--roster", description = "file of every member address (a.b.c.d:port or a.b.c.d:port+count a line): " +
        "nodes start knowing them all and join no one (lab clusters; see docker/README.md)")
    Path roster;

    @Option(names = "--strategy", defaultValue = "push-pull", description = "push, pull, push-pull, median-counter (default ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--timing", defaultValue = "periodic", description = "periodic or eager (default ${DEFAULT-VALUE})")
    String timing;

    @Option(names = "--fanout", defaultValue = "1", description = "peers per gossip round (default ${DEFAULT-VALUE})")
    int fanout;

    @Option(names = "--profile", defaultValue = "lan", description = "lan, wan, local (default ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--gossip-period-ms", description = "gossip round period; default from the profile")
    Long gossipPeriodMs;

    @Option(names = "--cluster", defaultValue = "hearsay", description = "cluster name (default ${DEFAULT-VALUE})")
    String cluster;

    @Option(names = "--key-file", description = "keyring file: base64 AES keys, one per line, the first the primary")
    Path keyFile;

    @Option(names = "--control-port", defaultValue = "-1", description = "control UDP port; 0 = ephemeral, -1 = none (default ${DEFAULT-VALUE})")
    int controlPort;

    @Option(names = "--control-bind", defaultValue = "127.0.0.1",
        description = "address the control port listens on (default ${DEFAULT-VALUE}; the lab passes the container's)")
    String controlBind;

    @Option(names = "--api-port", description = "local application API port on loopback (0 = ephemeral)")
    Integer apiPort;

    @Option(names = "--plugins", description = "folder of application plugin JARs (found with ServiceLoader)")
    Path plugins;

    @Option(names = "--log-dir", description = "folder for this process's event-log queue")
    Path logDir;

    @Option(names = "--seed", description = "random seed (default: from the clock; always printed and recorded)")
    Long seed;

    @Option(names = "--loss", defaultValue = "0", description = "the daemon's own outbound packet loss probability (default ${DEFAULT-VALUE})")
    double loss;

    @Option(names = "--impair", description = "link impairment in the fault grammar, statements joined by ;, e.g. " +
        "\"loss p=0.1; delay dist=normal:20ms,5ms; duplicate p=0.01; reorder p=0.05 hold=30ms\" or \"loss ge=0.01:0.3\"")
    String impair;

    @Option(names = "--idle", defaultValue = "select", description = "idle strategy: select[:MAX_BLOCK_MS] (block until a " +
        "datagram or the next deadline), busy, yield, backoff[:MAX_PARK_US], sleep:US (default ${DEFAULT-VALUE})")
    String idle;

    @Option(names = "--stats-period-ms", defaultValue = "1000", description = "node statistics record period (default ${DEFAULT-VALUE})")
    long statsPeriodMs;

    @Override
    public Integer call() throws Exception
    {
        final ShellConfig config;
        try
        {
            config = shellConfig();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        final HearsayDaemon daemon;
        try
        {
            daemon = new HearsayDaemon(config);
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
        if (logDir != null)
        {
            Files.createDirectories(logDir);
            Files.writeString(logDir.resolve("daemon-" + Addresses.toString(daemon.node(0).address()).replace(':', '-') +
                ".properties"), config.toString(), StandardCharsets.UTF_8);
        }
        daemon.start();
        final InetSocketAddress control = daemon.controlAddress();
        System.out.println(READY + " nodes=" + config.nodes() +
            " first=" + Addresses.toString(daemon.node(0).address()) +
            " last=" + Addresses.toString(daemon.node(config.nodes() - 1).address()) +
            " control=" + (control == null ? "none" : control.getAddress().getHostAddress() + ":" + control.getPort()) +
            " api=" + daemon.apiPort() + " seed=" + config.seed() + " encrypted=" + (config.keyring() != null) +
            " log=" + (daemon.logPath() == null ? "none" : daemon.logPath()));
        System.out.flush();
        stopped.await();
        return 0;
    }

    ShellConfig shellConfig()
    {
        LinkImpairment impairment = impair == null ? LinkImpairment.NONE : LinkImpairment.parse("--impair", impair);
        if (loss > 0 || impair == null)
        {
            impairment = impairment.withLoss(CliValues.probability("--loss", loss));
        }
        return new ShellConfig()
            .bindAddress(bind)
            .port(port)
            .nodes(nodes)
            .seeds(CliValues.seeds(seeds))
            .roster(roster == null ? new long[0] : io.hearsay.daemon.shell.Roster.load(roster))
            .nodeConfig(CliValues.nodeConfig(profile, strategy, timing, fanout, gossipPeriodMs, cluster))
            .keyring(keyFile == null ? null : Keyring.load(keyFile))
            .controlPort(controlPort)
            .controlBindAddress(controlBind)
            .logDir(logDir)
            .seed(seed != null ? seed : System.nanoTime())
            .impairment(impairment)
            .idleStrategy(idle)
            .statsPeriodNs(statsPeriodMs * 1_000_000L)
            .pluginsDir(plugins)
            .apiPort(apiPort == null ? -1 : apiPort)
            .conclude();
    }
}
