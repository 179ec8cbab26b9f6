package io.hearsay.bench.peers;

import io.scalecube.cluster.Cluster;
import io.scalecube.cluster.ClusterConfig;
import io.scalecube.cluster.ClusterImpl;
import io.scalecube.cluster.ClusterMessageHandler;
import io.scalecube.cluster.Member;
import io.scalecube.cluster.membership.MembershipEvent;
import io.scalecube.cluster.transport.api.Message;
import io.scalecube.transport.netty.tcp.TcpTransportFactory;

import java.time.Duration;

/**
 * ScaleCube cluster 2.7.10 (SWIM + gossip over TCP): N members in this JVM on loopback, each configured with the
 * trial's gossip interval and fan-out, ping interval and timeout, ping-request members and suspicion multiplier,
 * everything else at ScaleCube's LAN defaults. A crash stops the member's transport without a leave message.
 */
public final class ScaleCubeCluster implements PeerCluster
{
    private ClusterImpl[] members;
    private boolean[] crashed;
    private String configuration = "";

    @Override
    public void start(final TrialSettings s, final Observations observations)
    {
        members = new ClusterImpl[s.nodes];
        crashed = new boolean[s.nodes];
        String seed = null;
        for (int i = 0; i < s.nodes; i++)
        {
            final int index = i;
            final String seedAddress = seed;
            final ClusterImpl member = new ClusterImpl(ClusterConfig.defaultLanConfig())
                .config(c -> c.memberAlias("m" + index).externalHost("127.0.0.1"))
                .transport(t -> t.port(s.basePort == 0 ? 0 : s.basePort + index))
                .transportFactory(TcpTransportFactory::new)
                .gossip(g -> g.gossipInterval(s.intervalMs).gossipFanout(s.fanout))
                .failureDetector(f -> f.pingInterval(s.pingIntervalMs).pingTimeout(s.pingTimeoutMs).pingReqMembers(s.pingReqMembers))
                .membership(m -> (seedAddress == null ? m : m.seedMembers(seedAddress)).suspicionMult(s.suspicionMult))
                .handler(cluster -> new ClusterMessageHandler()
                {
                    @Override
                    public void onGossip(final Message gossip)
                    {
                        observations.delivered(String.valueOf((Object)gossip.data()), index, System.nanoTime());
                    }

                    @Override
                    public void onMembershipEvent(final MembershipEvent event)
                    {
                        if (event.isRemoved())
                        {
                            observations.removed();
                        }
                    }
                });
            members[i] = (ClusterImpl)member.startAwait();
            if (seed == null)
            {
                seed = members[0].address();
                configuration = "scalecube-cluster 2.7.10 TCP transport; " + ClusterConfig.defaultLanConfig()
                    .gossip(g -> g.gossipInterval(s.intervalMs).gossipFanout(s.fanout))
                    .failureDetector(f -> f.pingInterval(s.pingIntervalMs).pingTimeout(s.pingTimeoutMs).pingReqMembers(s.pingReqMembers))
                    .membership(m -> m.suspicionMult(s.suspicionMult));
            }
        }
    }

    @Override
    public int smallestView()
    {
        int smallest = Integer.MAX_VALUE;
        for (int i = 0; i < members.length; i++)
        {
            if (!crashed[i])
            {
                smallest = Math.min(smallest, members[i].otherMembers().size() + 1);
            }
        }
        return smallest;
    }

    @Override
    public void broadcast(final int source, final String payload)
    {
        members[source].spreadGossip(Message.withData(payload).build()).subscribe();
    }

    @Override
    public void crash(final int node)
    {
        crashed[node] = true;
        members[node].transport().stop().block(Duration.ofSeconds(10));
    }

    @Override
    public boolean removedByAll(final int victim)
    {
        final String address = members[victim].member().address();
        for (int i = 0; i < members.length; i++)
        {
            if (!crashed[i])
            {
                for (final Member m : members[i].otherMembers())
                {
                    if (m.address().equals(address))
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
    public void close()
    {
        if (members == null)
        {
            return;
        }
        for (final Cluster member : members)
        {
            if (member != null)
            {
                member.shutdown();
            }
        }
    }
}
