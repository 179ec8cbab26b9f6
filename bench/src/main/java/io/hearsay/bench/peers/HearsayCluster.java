package io.hearsay.bench.peers;

import io.hearsay.core.NodeConfig;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.TimingMode;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.HostedNode;
import io.hearsay.daemon.shell.ShellConfig;
import io.hearsay.spi.Cluster;
import io.hearsay.spi.Member;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * hearsay as it runs best: one daemon process hosting all N members (one UDP socket each, one duty-cycle thread,
 * the daemon's default idle strategy), each member with an application host whose {@link Cluster} handle the trial
 * uses exactly as an application would: {@code broadcast} at the source, {@code onEvent} everywhere (delivered on
 * the application thread, as ScaleCube delivers on its own). Push-pull, the trial's interval, fan-out, probe
 * interval and timeout, indirect probes and suspicion multiplier over the LAN profile. A crash goes through the
 * control port (the node stops sending and receiving; no leave). Messages and bytes sent are the protocol's own
 * counters (whole datagrams as sent; UDP/IP headers not counted). All N members run in this one process: hearsay is
 * not sharded.
 */
public final class HearsayCluster implements PeerCluster
{
    private HearsayDaemon daemon;
    private HostedNode[] nodes;
    private Cluster[] handles;
    private Path pluginsDir;
    private String configuration = "";

    @Override
    public void start(final TrialSettings s, final Observations observations) throws Exception
    {
        if (s.first != 0 || s.count != s.nodes)
        {
            throw new IllegalArgumentException("hearsay runs all " + s.nodes + " members in one process (asked for " +
                s.first + " + " + s.count + ")");
        }
        final NodeConfig nodeConfig = NodeConfig.profile(NodeConfig.Profile.LAN)
            .clusterName("peers-" + ProcessHandle.current().pid())
            .strategy(StrategyKind.PUSH_PULL)
            .timing("eager".equals(s.timing) ? TimingMode.EAGER : TimingMode.PERIODIC)
            .fanout(s.fanout)
            .gossipPeriodNs(s.intervalMs * 1_000_000L)
            .probePeriodNs(s.pingIntervalMs * 1_000_000L)
            .probeTimeoutNs(s.pingTimeoutMs * 1_000_000L)
            .indirectProbes(s.pingReqMembers)
            .suspicionMult(s.suspicionMult);
        pluginsDir = Files.createTempDirectory("hearsay-peers-apps");   // no plugins: application hosts only
        final ShellConfig config = new ShellConfig()
            .bindAddress("127.0.0.1").port(s.basePort).nodes(s.nodes).controlPort(0).seed(s.seed)
            .nodeConfig(nodeConfig).pluginsDir(pluginsDir);   // no seeds: nodes 1..N-1 join node 0
        daemon = new HearsayDaemon(config.conclude());
        nodes = daemon.nodes();
        daemon.start();
        handles = new Cluster[nodes.length];
        for (int i = 0; i < nodes.length; i++)
        {
            final int index = i;
            handles[i] = nodes[i].applicationHost().cluster();
            handles[i].onEvent(event -> observations.delivered(event.payloadAsString(), index, System.nanoTime()));
            handles[i].onMembershipChange(member ->
            {
                if (!member.status().isLive())
                {
                    observations.removed();
                }
            });
        }
        configuration = "hearsay " + s.timing + " push-pull, one process; suspicion timeout " + s.suspicionMult +
            " × max(1, log10 N) × probe interval = " + SuspicionTimeouts.hearsayMinMs(s) + " ms at N = " + s.nodes +
            " at least, up to " + nodeConfig.suspicionMaxTimeoutMult() + "× that without independent confirmations; " + nodeConfig;
    }

    @Override
    public String seedAddress()
    {
        return "";
    }

    @Override
    public long[] sent()
    {
        long messages = 0;
        long bytes = 0;
        for (final HostedNode node : nodes)
        {
            final NodeCounters c = node.protocol().counters();
            messages += c.messagesSent;
            bytes += c.bytesSent;
        }
        return new long[]{messages, bytes};
    }

    @Override
    public int smallestView()
    {
        int smallest = Integer.MAX_VALUE;
        for (int i = 0; i < nodes.length; i++)
        {
            if (!nodes[i].isCrashed())
            {
                smallest = Math.min(smallest, handles[i].liveMemberCount());
            }
        }
        return smallest;
    }

    @Override
    public void broadcast(final int source, final String payload)
    {
        handles[source].broadcast(payload);
    }

    @Override
    public void crash(final int node) throws Exception
    {
        try (ControlClient control = new ControlClient(daemon.controlAddress()))
        {
            control.crash(nodes[node].address());
        }
    }

    @Override
    public boolean removedByAll(final int victim)
    {
        final long address = nodes[victim].address();
        for (int i = 0; i < nodes.length; i++)
        {
            if (i != victim && !nodes[i].isCrashed())
            {
                for (final Member m : handles[i].members())
                {
                    if (m.address() == address && m.status().isLive())
                    {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public String configuration()
    {
        return configuration;
    }

    @Override
    public void close() throws Exception
    {
        if (daemon != null)
        {
            daemon.close();
        }
        if (pluginsDir != null)
        {
            Files.deleteIfExists(pluginsDir);
        }
    }
}
