package io.hearsay.master.options;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.hearsay.daemon.shell.Roster;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.core.impair.LinkImpairment;
import io.hearsay.wire.Keyring;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every setting of one daemon process: what {@code ./hearsay daemon}'s options fill, and, written as JSON, the
 * configuration file ({@code daemon --config FILE}) a parent hands a child: {@code ./hearsay local} one per child JVM,
 * {@code cluster up} one per container. Defaults are the fields' initial values, the same for both.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DaemonOptions
{
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @Option(names = "--bind", paramLabel = "IP", description = "IPv4 address to bind (default ${DEFAULT-VALUE})")
    public String bind = "127.0.0.1";

    @Option(names = "--port", description = "first node's UDP port; 0 = ephemeral (default ${DEFAULT-VALUE})")
    public int port = 7946;

    @Option(names = "--nodes", paramLabel = "K", description = "nodes hosted by this process, on ports P..P+K-1 " +
        "(default ${DEFAULT-VALUE}; not the cluster's size N as in local, sim and cluster up)")
    public int nodes = 1;

    @Option(names = "--seeds", paramLabel = "IP:PORT,...", description = "members to join; without, nodes join this " +
        "process's first node")
    public String seeds;

    @Option(names = "--roster", paramLabel = "FILE", description = "file of every member address (a.b.c.d:port or " +
        "a.b.c.d:port+count a line): nodes start knowing them all and join no one (lab clusters; see docker/README.md)")
    @JsonSerialize(using = ToStringSerializer.class)
    public Path roster;

    @Mixin
    public ProtocolOptions protocol = new ProtocolOptions();

    @Option(names = "--cluster", paramLabel = "NAME", description = "cluster name; nodes of another name are not heard " +
        "(default: hearsay-ADDRESS, ADDRESS the lowest seed, else the lowest roster address, else this process's first " +
        "node). Control commands must be tagged with the token in HEARSAY_CONTROL_TOKEN when it is set, else with a key " +
        "derived from --key-file")
    public String cluster;

    @Option(names = "--key-file", paramLabel = "FILE",
        description = "keyring file: base64 AES keys, one per line, the first the primary")
    @JsonSerialize(using = ToStringSerializer.class)
    public Path keyFile;

    @Option(names = "--control-port", description = "control UDP port; 0 = ephemeral, -1 = none (default ${DEFAULT-VALUE})")
    public int controlPort = -1;

    @Option(names = "--control-bind", paramLabel = "IP",
        description = "address the control port listens on (default ${DEFAULT-VALUE}; the lab passes the container's)")
    public String controlBind = "127.0.0.1";

    @Option(names = "--api-port", description = "local application API port on loopback (0 = ephemeral; default none)")
    public Integer apiPort;

    @Option(names = "--plugins", paramLabel = "DIR", description = "folder of application plugin JARs (found with ServiceLoader)")
    @JsonSerialize(using = ToStringSerializer.class)
    public Path plugins;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "folder for this process's event-log queue")
    @JsonSerialize(using = ToStringSerializer.class)
    public Path logDir;

    @Mixin
    public SeedOption seed = new SeedOption();

    @Option(names = "--loss", paramLabel = "P",
        description = "the daemon's own outbound packet loss probability (default ${DEFAULT-VALUE})")
    public double loss;

    @Option(names = "--impair", paramLabel = "SPEC",
        description = "link impairment in the fault grammar, statements joined by ;, e.g. " +
            "\"loss p=0.1; delay dist=normal:20ms,5ms; duplicate p=0.01; reorder p=0.05 hold=30ms\" or \"loss ge=0.01:0.3\"")
    public String impair;

    @Mixin
    public IdleOption idle = new IdleOption();

    @Option(names = "--resolve-wait-s", paramLabel = "S", description = "how long to wait for host names in --bind, " +
        "--control-bind, --seeds and the roster to resolve (containers of an orchestrator are named before their peers " +
        "have addresses; default ${DEFAULT-VALUE})")
    public int resolveWaitS = 60;

    @Option(names = "--stats-period-ms", paramLabel = "MS",
        description = "node statistics record period (default ${DEFAULT-VALUE})")
    public long statsPeriodMs = 1000;

    /** The shell's configuration, validated; the seed drawn here when none was given. */
    public ShellConfig shellConfig()
    {
        LinkImpairment impairment = impair == null ? LinkImpairment.NONE : LinkImpairment.parse("--impair", impair);
        if (loss > 0 || impair == null)
        {
            impairment = impairment.withLoss(CliValues.probability("--loss", loss));
        }
        final HostNames names = HostNames.system(java.time.Duration.ofSeconds(Math.max(0, resolveWaitS)));
        final String bindIp = names.address("--bind", bind);
        final long[] seedAddresses = CliValues.seeds(names.endpoints("--seeds", seeds));
        final long[] rosterAddresses = roster == null ? new long[0] : Roster.load(names.roster(roster));
        return new ShellConfig()
            .bindAddress(bindIp)
            .port(port)
            .nodes(nodes)
            .seeds(seedAddresses)
            .roster(rosterAddresses)
            .nodeConfig(protocol.nodeConfig(cluster != null ? cluster :
                io.hearsay.master.cluster.ClusterNames.forDaemon(seedAddresses, rosterAddresses, bindIp, port)))
            .controlToken(System.getenv(io.hearsay.daemon.control.ControlAuth.TOKEN_ENV))
            .keyring(keyFile == null ? null : Keyring.load(keyFile))
            .controlPort(controlPort)
            .controlBindAddress(names.address("--control-bind", controlBind))
            .logDir(logDir)
            .seed(seed.orDraw())
            .impairment(impairment)
            .idleStrategy(idle.validated())
            .statsPeriodNs(statsPeriodMs * 1_000_000L)
            .pluginsDir(plugins)
            .apiPort(apiPort == null ? -1 : apiPort)
            .conclude();
    }

    /** Writes these settings as the JSON a child daemon reads with {@code --config}. */
    public void write(final Path file) throws IOException
    {
        Files.writeString(file, JSON.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads a configuration file; a bad one is refused in one line naming the file, the place and the fault. */
    public static DaemonOptions read(final Path file) throws IOException
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IOException("cannot read the daemon configuration " + file + ": " + ex.getMessage(), ex);
        }
        try
        {
            return JSON.readValue(text, DaemonOptions.class);
        }
        catch (final JsonProcessingException ex)
        {
            final String where = ex.getLocation() == null ? "" :
                " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException("daemon configuration " + file + where + ": " +
                ex.getOriginalMessage().lines().findFirst().orElse("") +
                "; accepted: the JSON that ./hearsay local and cluster up write (DaemonOptions)", ex);
        }
    }
}
