package io.hearsay.daemon.shell;

import io.hearsay.core.GossipNode;
import io.hearsay.core.Node;
import io.hearsay.core.NodeConfig;
import io.hearsay.core.impair.LinkImpairment;
import io.hearsay.wire.Keyring;

import java.nio.file.Path;

/**
 * Settings of one daemon process (the shell around its hosted nodes); the protocol's own settings are the
 * {@link NodeConfig}. Fluent setters; {@link #conclude()} validates and names the value and what is accepted.
 */
public final class ShellConfig
{
    /** open-file hard limit here is 20,000 per process; leave room for Chronicle's files and the JVM */
    public static final int MAX_NODES_PER_PROCESS = 10_000;

    private String bindAddress = "127.0.0.1";
    /** first node's port; node i gets port + i; 0 = an ephemeral port for every node */
    private int port = 7946;
    private int nodes = 1;
    private long[] seeds = new long[0];
    private long[] roster = new long[0];
    private NodeConfig nodeConfig = NodeConfig.profile(NodeConfig.Profile.LAN);
    private Keyring keyring;
    /** -1 = no control port; 0 = ephemeral */
    private int controlPort = -1;
    /** where the control port listens: loopback unless the master is elsewhere (the lab passes the container's address) */
    private String controlBindAddress = "127.0.0.1";
    /** control commands must be tagged with this token (see ControlAuth); null = with the keyring's, or untagged */
    private String controlToken;
    private Path logDir;
    private long seed = System.nanoTime();
    private LinkImpairment impairment = LinkImpairment.NONE;
    private String idleStrategy = "backoff";
    private long statsPeriodNs = 1_000_000_000L;
    private int delayQueueCapacity = 16_384;
    private int maxDatagramsPerPoll = 32;
    /** SO_RCVBUF of each node socket; 0 = the OS default */
    private int socketReceiveBufferBytes = 0;
    /** folder of application plugin JARs; null = none */
    private Path pluginsDir;
    /** local application API port on loopback; -1 = none, 0 = ephemeral */
    private int apiPort = -1;
    private Node.Factory protocolFactory = GossipNode.FACTORY;
    private boolean concluded;

    public ShellConfig conclude()
    {
        require(nodes >= 1 && nodes <= MAX_NODES_PER_PROCESS, "nodes", nodes, "1.." + MAX_NODES_PER_PROCESS +
            " per process (one socket each; the open-file limit is 20,000); use more processes beyond");
        require(port == 0 || (port >= 1 && port + nodes - 1 <= 65_535), "port", port,
            "0 (ephemeral) or 1..65535 with port + nodes - 1 <= 65535");
        require(controlPort >= -1 && controlPort <= 65_535, "control-port", controlPort, "0..65535 (0 = ephemeral)");
        require(apiPort >= -1 && apiPort <= 65_535, "api-port", apiPort, "0..65535 (0 = ephemeral)");
        require(statsPeriodNs > 0, "statsPeriodNs", statsPeriodNs, "> 0");
        require(delayQueueCapacity >= 1, "delayQueueCapacity", delayQueueCapacity, ">= 1");
        require(maxDatagramsPerPoll >= 1, "maxDatagramsPerPoll", maxDatagramsPerPoll, ">= 1");
        require(socketReceiveBufferBytes >= 0, "socketReceiveBufferBytes", socketReceiveBufferBytes, ">= 0");
        IdleStrategies.parse(idleStrategy);
        if (!nodeConfig.isConcluded())
        {
            nodeConfig.conclude();
        }
        concluded = true;
        return this;
    }

    private static void require(final boolean ok, final String name, final Object value, final String accepted)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(name + " = " + value + " is out of range; accepted: " + accepted);
        }
    }

    public boolean isConcluded()
    {
        return concluded;
    }

    public ShellConfig bindAddress(final String v) { bindAddress = v; return this; }
    public ShellConfig port(final int v) { port = v; return this; }
    public ShellConfig nodes(final int v) { nodes = v; return this; }
    public ShellConfig seeds(final long[] v) { seeds = v.clone(); return this; }
    /** every member address of the cluster, known before it starts: nodes start knowing them and do not join */
    public ShellConfig roster(final long[] v) { roster = v.clone(); return this; }
    public ShellConfig nodeConfig(final NodeConfig v) { nodeConfig = v; return this; }
    public ShellConfig keyring(final Keyring v) { keyring = v; return this; }
    public ShellConfig controlPort(final int v) { controlPort = v; return this; }
    public ShellConfig controlBindAddress(final String v) { controlBindAddress = v; return this; }
    public ShellConfig controlToken(final String v) { controlToken = v; return this; }
    public ShellConfig logDir(final Path v) { logDir = v; return this; }
    public ShellConfig seed(final long v) { seed = v; return this; }
    public ShellConfig impairment(final LinkImpairment v) { impairment = v; return this; }
    public ShellConfig idleStrategy(final String v) { idleStrategy = v; return this; }
    public ShellConfig statsPeriodNs(final long v) { statsPeriodNs = v; return this; }
    public ShellConfig delayQueueCapacity(final int v) { delayQueueCapacity = v; return this; }
    public ShellConfig maxDatagramsPerPoll(final int v) { maxDatagramsPerPoll = v; return this; }
    public ShellConfig socketReceiveBufferBytes(final int v) { socketReceiveBufferBytes = v; return this; }
    public ShellConfig protocolFactory(final Node.Factory v) { protocolFactory = v; return this; }
    public ShellConfig pluginsDir(final Path v) { pluginsDir = v; return this; }
    public ShellConfig apiPort(final int v) { apiPort = v; return this; }

    public String bindAddress() { return bindAddress; }
    public int port() { return port; }
    public int nodes() { return nodes; }
    public long[] seeds() { return seeds.clone(); }
    public long[] roster() { return roster.clone(); }
    public NodeConfig nodeConfig() { return nodeConfig; }
    public Keyring keyring() { return keyring; }
    public int controlPort() { return controlPort; }
    public String controlBindAddress() { return controlBindAddress; }
    public String controlToken() { return controlToken; }
    public Path logDir() { return logDir; }
    public long seed() { return seed; }
    public LinkImpairment impairment() { return impairment; }
    public String idleStrategy() { return idleStrategy; }
    public long statsPeriodNs() { return statsPeriodNs; }
    public int delayQueueCapacity() { return delayQueueCapacity; }
    public int maxDatagramsPerPoll() { return maxDatagramsPerPoll; }
    public int socketReceiveBufferBytes() { return socketReceiveBufferBytes; }
    public Node.Factory protocolFactory() { return protocolFactory; }
    public Path pluginsDir() { return pluginsDir; }
    public int apiPort() { return apiPort; }

    /** Whether nodes get an application host (plugins or the local API asked for). */
    public boolean hostsApplications() { return pluginsDir != null || apiPort >= 0; }

    /** key=value lines for the run's recorded configuration (the node config follows with its own lines). */
    @Override
    public String toString()
    {
        return "bind=" + bindAddress + "\nport=" + port + "\nnodes=" + nodes + "\nseed=" + seed +
            "\nformation=" + (roster.length > 0 ? "roster:" + roster.length : "join") +
            "\nencrypted=" + (keyring != null) + "\ncontrolPort=" + controlPort + "\ncontrolBindAddress=" + controlBindAddress +
            "\ncontrolAuthenticated=" + (controlToken != null || keyring != null) + "\nlogDir=" + logDir +
            "\nplugins=" + pluginsDir + "\napiPort=" + apiPort + "\nimpairment=" + impairment + "\nidleStrategy=" + idleStrategy + "\nstatsPeriodNs=" + statsPeriodNs +
            "\n" + nodeConfig;
    }
}
