package io.hearsay.bench.peers;

import io.scalecube.cluster.Cluster;
import io.scalecube.cluster.ClusterConfig;
import io.scalecube.cluster.ClusterImpl;
import io.scalecube.cluster.ClusterMessageHandler;
import io.scalecube.cluster.Member;
import io.scalecube.cluster.membership.MembershipEvent;
import io.scalecube.cluster.transport.api.Message;
import io.scalecube.cluster.transport.api.MessageCodec;
import io.scalecube.transport.netty.tcp.TcpTransportFactory;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ScaleCube cluster 2.7.10 (SWIM + gossip over TCP): the members hosted by this JVM on loopback, each configured with
 * the trial's gossip interval and fan-out, ping interval and timeout, ping-request members and suspicion multiplier,
 * everything else at ScaleCube's LAN defaults. Messages and bytes sent are counted by a codec that wraps ScaleCube's
 * own (the encoded message; the transport's 4-byte length frame and TCP/IP headers are not counted). A crash stops
 * the member's transport without a leave message.
 */
public final class ScaleCubeCluster extends PeerLibraryCluster
{
    private ClusterImpl[] members;

    @Override
    public void start(final TrialSettings s, final Observations observations)
    {
        settings = s;
        members = new ClusterImpl[s.count];
        crashed = new boolean[s.count];
        final MessageCodec codec = new CountingCodec(MessageCodec.INSTANCE, messagesSent, bytesSent);
        for (int k = 0; k < s.count; k++)
        {
            final int index = s.first + k;
            final String seed = index == 0 ? null : (s.seedAddress.isEmpty() ? members[0].address() : s.seedAddress);
            final ClusterImpl member = new ClusterImpl(ClusterConfig.defaultLanConfig())
                .config(c -> c.memberAlias(memberName(index)).externalHost("127.0.0.1"))
                .transport(t -> t.port(s.basePort == 0 ? 0 : s.basePort + index).messageCodec(codec))
                .transportFactory(TcpTransportFactory::new)
                .gossip(g -> g.gossipInterval(s.intervalMs).gossipFanout(s.fanout))
                .failureDetector(f -> f.pingInterval(s.pingIntervalMs).pingTimeout(s.pingTimeoutMs).pingReqMembers(s.pingReqMembers))
                .membership(m -> (seed == null ? m : m.seedMembers(seed)).suspicionMult(s.suspicionMult))
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
            members[k] = (ClusterImpl)member.startAwait();
            if (index == 0)
            {
                seedAddress = members[0].address();
            }
        }
        configuration = "scalecube-cluster 2.7.10 TCP transport; suspicion timeout " + s.suspicionMult +
            " × (32 − numberOfLeadingZeros(N)) × ping interval = " + SuspicionTimeouts.scaleCubeMs(s) + " ms at N = " + s.nodes + "; " +
            ClusterConfig.defaultLanConfig()
                .gossip(g -> g.gossipInterval(s.intervalMs).gossipFanout(s.fanout))
                .failureDetector(f -> f.pingInterval(s.pingIntervalMs).pingTimeout(s.pingTimeoutMs).pingReqMembers(s.pingReqMembers))
                .membership(m -> m.suspicionMult(s.suspicionMult));
    }

    @Override
    public int smallestView()
    {
        int smallest = Integer.MAX_VALUE;
        for (int k = 0; k < members.length; k++)
        {
            if (!crashed[k])
            {
                smallest = Math.min(smallest, otherMembers(k).size() + 1);
            }
        }
        return smallest;
    }

    @Override
    public void broadcast(final int source, final String payload)
    {
        members[source - settings.first].spreadGossip(Message.withData(payload).build()).subscribe();
    }

    @Override
    public void crash(final int node)
    {
        crashed[node - settings.first] = true;
        members[node - settings.first].transport().stop().block(Duration.ofSeconds(10));
    }

    @Override
    public boolean removedByAll(final int victim)
    {
        final String alias = memberName(victim);
        for (int k = 0; k < members.length; k++)
        {
            if (!crashed[k])
            {
                for (final Member m : otherMembers(k))
                {
                    if (alias.equals(m.alias()))
                    {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** ScaleCube's {@code otherMembers()} copies its member table while its own thread changes it, and sometimes
     *  throws (an index out of bounds, seen at N = 16): asked again */
    private Collection<Member> otherMembers(final int k)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return members[k].otherMembers();
            }
            catch (final RuntimeException ex)
            {
                if (attempt == 10)
                {
                    throw ex;
                }
            }
        }
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

    /** ScaleCube's codec, counting what it encodes: one message and its encoded bytes per {@code serialize} */
    private static final class CountingCodec implements MessageCodec
    {
        private final MessageCodec codec;
        private final AtomicLong messages;
        private final AtomicLong bytes;

        CountingCodec(final MessageCodec codec, final AtomicLong messages, final AtomicLong bytes)
        {
            this.codec = codec;
            this.messages = messages;
            this.bytes = bytes;
        }

        @Override
        public Message deserialize(final InputStream stream) throws Exception
        {
            return codec.deserialize(stream);
        }

        @Override
        public void serialize(final Message message, final OutputStream stream) throws Exception
        {
            messages.incrementAndGet();
            codec.serialize(message, new FilterOutputStream(stream)
            {
                @Override
                public void write(final int b) throws IOException
                {
                    bytes.incrementAndGet();
                    out.write(b);
                }

                @Override
                public void write(final byte[] b, final int off, final int len) throws IOException
                {
                    bytes.addAndGet(len);
                    out.write(b, off, len);
                }
            });
        }
    }
}
