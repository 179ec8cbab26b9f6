package io.hearsay.master.live;

import io.hearsay.core.NodeConfig;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ContainerSlot;
import io.hearsay.master.cluster.Lab;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which daemons {@code serve} and {@code watch} collect from (picocli mixin): control endpoints named by hand, a
 * cluster's run folder, a loopback cluster started in this process ({@code --local-nodes}), or else the lab's
 * current cluster.
 */
public final class LiveTargets implements AutoCloseable
{
    @Option(names = "--control", split = ",", paramLabel = "HOST:PORT",
        description = "daemon control endpoints to collect from (comma-separated)")
    List<String> control = new ArrayList<>();

    @Option(names = "--run-dir", description = "a cluster's run folder (default: the lab's current cluster)")
    Path runDir;

    @Option(names = "--local-nodes", defaultValue = "0",
        description = "start a loopback cluster of N nodes in this process and collect from it (default: none)")
    int localNodes;

    @Option(names = "--local-processes", defaultValue = "1",
        description = "daemons (each with its control port) the --local-nodes are spread over (default ${DEFAULT-VALUE})")
    int localProcesses;

    @Option(names = "--local-gossip-period-ms", defaultValue = "200",
        description = "gossip period of the --local-nodes cluster (default ${DEFAULT-VALUE})")
    long localGossipPeriodMs;

    @Option(names = "--cluster", description = "the cluster whose reports are kept; reports of another are counted and " +
        "dropped (default: the run's cluster, else the first one a daemon names)")
    String cluster;

    @Option(names = "--key-file", description = "the cluster's keyring file (as the daemons' --key-file): commands are " +
        "tagged and answers verified with the control key derived from it and --cluster; forged answers are counted and dropped")
    Path keyFile;

    private final List<HearsayDaemon> daemons = new ArrayList<>();
    /** the lab run's control token, once {@link #endpoints()} has read its run folder */
    private String controlToken;

    /** @return the control endpoints to collect from, starting the local cluster when asked */
    public List<InetSocketAddress> endpoints() throws IOException
    {
        final List<InetSocketAddress> endpoints = new ArrayList<>();
        for (final String text : control)
        {
            endpoints.add(parseEndpoint(text));
        }
        if (localNodes > 0)
        {
            endpoints.addAll(startLocal());
        }
        if (runDir != null || endpoints.isEmpty())
        {
            final ClusterState state = runDir != null ? ClusterState.load(runDir) : Lab.open(System.out).current();
            controlToken = state.spec().controlToken;
            if (cluster == null)
            {
                cluster = state.spec().gossipCluster();
            }
            for (final ContainerSlot slot : state.plan().slots())
            {
                endpoints.add(new InetSocketAddress(slot.ip(), slot.controlPort()));
            }
        }
        return endpoints;
    }

    /** {@link #endpoints()}, a wrong value answered as the command's usage error. */
    public List<InetSocketAddress> endpoints(final picocli.CommandLine.Model.CommandSpec command) throws IOException
    {
        try
        {
            return endpoints();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), ex.getMessage());
        }
    }

    /**
     * How to tag control commands: the lab run's token (read by {@link #endpoints()}), else {@code HEARSAY_CONTROL_TOKEN}
     * (null: untagged, as the --local-nodes daemons and daemons without a token accept).
     */
    public io.hearsay.daemon.control.ControlAuth controlAuth()
    {
        if (controlToken != null)
        {
            return io.hearsay.daemon.control.ControlAuth.ofToken(controlToken);
        }
        final io.hearsay.daemon.control.ControlAuth fromEnvironment = io.hearsay.daemon.control.ControlAuth.fromEnvironment();
        if (fromEnvironment != null || keyFile == null)
        {
            return fromEnvironment;
        }
        if (cluster == null)
        {
            throw new IllegalArgumentException("--key-file needs --cluster: the control key is derived from the keyring and the cluster name");
        }
        return io.hearsay.daemon.control.ControlAuth.ofKeyring(io.hearsay.wire.Keyring.load(keyFile), cluster);
    }

    /** {@link #controlAuth()}, a wrong value answered as the command's usage error. */
    public io.hearsay.daemon.control.ControlAuth controlAuth(final picocli.CommandLine.Model.CommandSpec command)
    {
        try
        {
            return controlAuth();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), ex.getMessage());
        }
    }

    /** @return the cluster whose reports are kept (null: the first one a daemon names) */
    public String cluster()
    {
        return cluster;
    }

    /** The gossip period for the theory curve's time axis. */
    public long gossipPeriodMs()
    {
        return localGossipPeriodMs;
    }

    static InetSocketAddress parseEndpoint(final String text)
    {
        final int colon = text.lastIndexOf(':');
        try
        {
            if (colon < 1)
            {
                throw new NumberFormatException();
            }
            final int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65_535)
            {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(text.substring(0, colon), port);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--control '" + text + "': expected HOST:PORT with a port in 1..65535");
        }
    }

    private List<InetSocketAddress> startLocal() throws IOException
    {
        if (localProcesses < 1 || localProcesses > localNodes)
        {
            throw new IllegalArgumentException("--local-processes " + localProcesses + "; accepted: 1 .. --local-nodes");
        }
        final List<InetSocketAddress> endpoints = new ArrayList<>();
        long[] seeds = new long[0];
        for (int p = 0; p < localProcesses; p++)
        {
            final int nodes = localNodes / localProcesses + (p < localNodes % localProcesses ? 1 : 0);
            final HearsayDaemon daemon = new HearsayDaemon(new ShellConfig().bindAddress("127.0.0.1").port(0).nodes(nodes)
                .seeds(seeds).controlPort(0).seed(1000 + p).idleStrategy("select")
                .nodeConfig(NodeConfig.profile(NodeConfig.Profile.LOCAL).gossipPeriodNs(localGossipPeriodMs * 1_000_000L))
                .conclude());
            daemons.add(daemon);
            daemon.start();
            if (p == 0)
            {
                seeds = new long[]{ daemon.node(0).address() };
            }
            endpoints.add(daemon.controlAddress());
        }
        return endpoints;
    }

    @Override
    public void close()
    {
        daemons.forEach(HearsayDaemon::close);
    }
}
