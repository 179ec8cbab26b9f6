package io.hearsay.bench.peers;

import io.atomix.cluster.ClusterConfig;
import io.atomix.cluster.ClusterMembershipEvent;
import io.atomix.cluster.Member;
import io.atomix.cluster.MemberConfig;
import io.atomix.cluster.MembershipConfig;
import io.atomix.cluster.NodeConfig;
import io.atomix.cluster.discovery.BootstrapDiscoveryConfig;
import io.atomix.cluster.messaging.MessagingConfig;
import io.atomix.cluster.messaging.impl.NettyMessagingService;
import io.atomix.cluster.messaging.impl.NettyUnicastService;
import io.atomix.cluster.protocol.SwimMembershipProtocolConfig;
import io.atomix.utils.Version;
import io.atomix.utils.net.Address;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Atomix 3.1.12's SWIM membership ({@code atomix-cluster}: SWIM over Netty UDP for gossip and probes, TCP for sync
 * and indirect probes, bootstrap discovery through member 0): the members hosted by this JVM on loopback. Gossip
 * interval and fan-out, probe interval and timeout as the trial's; indirect probes through the trial's ping-request
 * members ({@code suspectProbes} = that + 1, as Atomix asks {@code suspectProbes − 1} others); Atomix has no
 * suspicion multiplier, so its failure timeout is hearsay's minimum suspicion timeout for the trial's multiplier
 * ({@link SuspicionTimeouts#atomixMs}); everything else at Atomix's defaults.
 * <p>
 * A user event is what Atomix's SWIM disseminates: a change of the source's member properties (a key
 * {@code event.<payload>}), gossiped with the member's next incarnation; a member has the event when a membership
 * event shows the source with that key. Messages and bytes sent are counted where SWIM hands them to Atomix's Netty
 * services (payload and subject; Netty framing, replies and TCP/IP headers are not counted). A crash stops the
 * member's messaging and unicast services (nothing more leaves it or reaches it; no leave message).
 */
public final class AtomixCluster extends PeerLibraryCluster
{
    private static final String EVENT_KEY = "event.";
    private CountedMember[] members;

    @Override
    public void start(final TrialSettings s, final Observations observations) throws Exception
    {
        settings = s;
        members = new CountedMember[s.count];
        crashed = new boolean[s.count];
        final SwimMembershipProtocolConfig swim = new SwimMembershipProtocolConfig()
            .setGossipInterval(Duration.ofMillis(s.intervalMs))
            .setGossipFanout(s.fanout)
            .setProbeInterval(Duration.ofMillis(s.pingIntervalMs))
            .setProbeTimeout(Duration.ofMillis(s.pingTimeoutMs))
            .setSuspectProbes(s.pingReqMembers + 1)
            .setFailureTimeout(Duration.ofMillis(SuspicionTimeouts.atomixMs(s)));
        String seed = s.seedAddress;
        final List<CompletableFuture<Void>> starting = new java.util.ArrayList<>();
        for (int k = 0; k < s.count; k++)
        {
            final int index = s.first + k;
            final int port = s.basePort == 0 ? freePort() : s.basePort + index;
            final Address address = Address.from("127.0.0.1", port);
            if (index == 0)
            {
                seed = "127.0.0.1:" + port;
                seedAddress = seed;
            }
            final String[] seedParts = seed.split(":");
            final ClusterConfig config = new ClusterConfig()
                .setClusterId("peers-" + ProcessHandle.current().pid())
                .setNodeConfig(new MemberConfig().setId(memberName(index)).setAddress(address))
                .setDiscoveryConfig(new BootstrapDiscoveryConfig().setNodes(List.of(
                    new NodeConfig().setId(memberName(0)).setAddress(Address.from(seedParts[0], Integer.parseInt(seedParts[1]))))))
                .setProtocolConfig(swim)
                .setMembershipConfig(new MembershipConfig())
                .setMessagingConfig(new MessagingConfig());
            final CountedMember member = new CountedMember(config, address, messagesSent, bytesSent);
            member.getMembershipService().addListener(event -> onMembershipEvent(event, index, observations));
            members[k] = member;
            starting.add(member.start());
        }
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get(s.convergeS, TimeUnit.SECONDS);
        configuration = "atomix-cluster 3.1.12 SWIM (bootstrap discovery through member 0; Netty UDP + TCP); " +
            "failure timeout = hearsay's minimum suspicion timeout " + s.suspicionMult + " × max(1; log10 N) × probe interval = " +
            SuspicionTimeouts.atomixMs(s) + " ms at N = " + s.nodes + "; SwimMembershipProtocolConfig[gossipInterval=" +
            swim.getGossipInterval().toMillis() + " ms; gossipFanout=" + swim.getGossipFanout() + "; probeInterval=" +
            swim.getProbeInterval().toMillis() + " ms; probeTimeout=" + swim.getProbeTimeout().toMillis() +
            " ms; suspectProbes=" + swim.getSuspectProbes() + "; failureTimeout=" + swim.getFailureTimeout().toMillis() +
            " ms; broadcastUpdates=" + swim.isBroadcastUpdates() + "; broadcastDisputes=" + swim.isBroadcastDisputes() +
            "; notifySuspect=" + swim.isNotifySuspect() + "]";
    }

    private static void onMembershipEvent(final ClusterMembershipEvent event, final int index, final Observations observations)
    {
        if (event.type() == ClusterMembershipEvent.Type.MEMBER_REMOVED)
        {
            observations.removed();
        }
        final long nowNs = System.nanoTime();
        for (final String key : event.subject().properties().stringPropertyNames())
        {
            if (key.startsWith(EVENT_KEY))
            {
                observations.delivered(key.substring(EVENT_KEY.length()), index, nowNs);
            }
        }
    }

    /** a port free for both TCP and UDP on loopback now (Atomix binds both at the member's one address) */
    private static int freePort() throws IOException
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
            {
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort())))
                {
                    return tcp.getLocalPort();
                }
                catch (final IOException taken)
                {
                    // UDP port in use: another
                }
            }
        }
        throw new IOException("no loopback port free for both TCP and UDP in 100 attempts");
    }

    @Override
    public int smallestView()
    {
        int smallest = Integer.MAX_VALUE;
        for (int k = 0; k < members.length; k++)
        {
            if (!crashed[k])
            {
                smallest = Math.min(smallest, (int)members[k].getMembershipService().getMembers().stream()
                    .filter(Member::isReachable).count());
            }
        }
        return smallest;
    }

    @Override
    public void broadcast(final int source, final String payload)
    {
        members[source - settings.first].getMembershipService().getLocalMember().properties().setProperty(EVENT_KEY + payload, "");
    }

    @Override
    public void crash(final int node) throws Exception
    {
        final int k = node - settings.first;
        crashed[k] = true;
        members[k].crash();
    }

    @Override
    public boolean removedByAll(final int victim)
    {
        final String id = memberName(victim);
        for (int k = 0; k < members.length; k++)
        {
            if (!crashed[k] && members[k].getMembershipService().getMembers().stream().anyMatch(m -> m.id().id().equals(id)))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception
    {
        if (members == null)
        {
            return;
        }
        final List<CompletableFuture<Void>> stopping = new java.util.ArrayList<>();
        for (int k = 0; k < members.length; k++)
        {
            if (members[k] != null && !crashed[k] && members[k].isRunning())
            {
                stopping.add(members[k].stop());
            }
        }
        try
        {
            CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            System.err.println("atomix: members still stopping after 30 s; the JVM exits without them");
        }
    }

    /** one Atomix member with counting messaging and unicast services (Atomix's own, counting what they are handed) */
    private static final class CountedMember extends io.atomix.cluster.AtomixCluster
    {
        private final CountingMessaging messaging;
        private final CountingUnicast unicast;

        CountedMember(final ClusterConfig config, final Address address, final AtomicLong messages, final AtomicLong bytes)
        {
            this(config, new CountingMessaging(config, address, messages, bytes), new CountingUnicast(config, address, messages, bytes));
        }

        private CountedMember(final ClusterConfig config, final CountingMessaging messaging, final CountingUnicast unicast)
        {
            super(config, Version.from("3.1.12"), messaging, unicast, null);
            this.messaging = messaging;
            this.unicast = unicast;
        }

        void crash() throws Exception
        {
            // the listening sockets close at once, Netty's graceful shutdown of the rest takes 2 s or more (the trial
            // times the removal from before this call); its SWIM timers run on, sending into closed services
            CompletableFuture.allOf(messaging.stop(), unicast.stop()).get(60, TimeUnit.SECONDS);
        }
    }

    private static final class CountingMessaging extends NettyMessagingService
    {
        private final AtomicLong messages;
        private final AtomicLong bytes;

        CountingMessaging(final ClusterConfig config, final Address address, final AtomicLong messages, final AtomicLong bytes)
        {
            super(config.getClusterId(), address, config.getMessagingConfig());
            this.messages = messages;
            this.bytes = bytes;
        }

        @Override
        public CompletableFuture<Void> sendAsync(final Address address, final String type, final byte[] payload, final boolean keepAlive)
        {
            messages.incrementAndGet();
            bytes.addAndGet(type.length() + payload.length);
            return super.sendAsync(address, type, payload, keepAlive);
        }

        @Override
        public CompletableFuture<byte[]> sendAndReceive(final Address address, final String type, final byte[] payload,
            final boolean keepAlive, final Duration timeout, final Executor executor)
        {
            messages.incrementAndGet();
            bytes.addAndGet(type.length() + payload.length);
            return super.sendAndReceive(address, type, payload, keepAlive, timeout, executor);
        }
    }

    private static final class CountingUnicast extends NettyUnicastService
    {
        private final AtomicLong messages;
        private final AtomicLong bytes;

        CountingUnicast(final ClusterConfig config, final Address address, final AtomicLong messages, final AtomicLong bytes)
        {
            super(address, config.getMessagingConfig());
            this.messages = messages;
            this.bytes = bytes;
        }

        @Override
        public void unicast(final Address address, final String subject, final byte[] payload)
        {
            messages.incrementAndGet();
            bytes.addAndGet(subject.length() + payload.length);
            super.unicast(address, subject, payload);
        }
    }
}
