package io.hearsay.daemon.shell;

import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.Refusal;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.wire.WirePublisher;
import io.hearsay.wire.sbe.GossipKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;

import static io.hearsay.daemon.shell.ShellTestSupport.allKnow;
import static io.hearsay.daemon.shell.ShellTestSupport.stepFor;
import static io.hearsay.daemon.shell.ShellTestSupport.stepUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hostile sender against real daemon nodes over loopback UDP (no key): Join floods from a socket that never answers,
 * forged DEAD claims naming another sender than the socket's, random garbage and bit-flipped copies. Membership stays
 * exactly the 8 nodes, every forged claim is refused by reason, and the nodes keep serving (an event reaches all).
 */
class HostileDatagramsOverUdpTest
{
    private static final int NODES = 8;
    private static final UnsafeBuffer PAYLOAD = new UnsafeBuffer("after the flood".getBytes());

    @Test
    void forgedClaimsFloodsAndGarbageLeaveMembershipIntactAndTheNodesServing() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(ClusterOverUdpTest.cluster(NODES, StrategyKind.PUSH_PULL));
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            stepUntil(60_000, "8 nodes converge", () -> ClusterOverUdpTest.minLive(daemon) == NODES, daemon);
            final String cluster = ClusterOverUdpTest.fast(StrategyKind.PUSH_PULL).clusterName();
            final long attackerAddress = io.hearsay.daemon.shell.UdpTransport.toAddress(
                (InetSocketAddress)attacker.getLocalSocketAddress());
            final HostedNode victim = daemon.node(5);
            final HostedNode spoofed = daemon.node(2);
            final SplittableRandom random = new SplittableRandom(13);
            int sent = 0;

            final WirePublisher self = new WirePublisher(cluster, attackerAddress, 1, 1472);
            final int joinLength = self.join(0, 0, true);
            final byte[] join = new byte[joinLength];
            self.buffer().getBytes(0, join);
            final WirePublisher forger = new WirePublisher(cluster, spoofed.address(), 1, 1472);
            forger.beginGossip(0, 0, GossipKind.PUSH.value(), 0);
            forger.updatesCount(1);
            forger.update(victim.address(), Long.MAX_VALUE, Long.MAX_VALUE, MemberStatus.DEAD.ordinal(), spoofed.address());
            forger.rumorsCount(0);
            forger.digestCount(0);
            final byte[] dead = new byte[forger.finish()];
            forger.buffer().getBytes(0, dead);

            for (int round = 0; round < 250; round++)
            {
                for (final HostedNode node : daemon.nodes())
                {
                    final InetSocketAddress to = UdpTransport.toSocketAddress(node.address());
                    attacker.send(new DatagramPacket(join, join.length, to));
                    attacker.send(new DatagramPacket(dead, dead.length, to));
                    final byte[] garbage = join.clone();
                    garbage[8 + random.nextInt(garbage.length - 8)] ^= (byte)(1 << random.nextInt(8));
                    attacker.send(new DatagramPacket(garbage, garbage.length, to));
                    sent += 3;
                }
                stepFor(2, daemon);
            }
            stepFor(1_000, daemon);

            long mismatched = 0;
            long unverified = 0;
            for (final HostedNode node : daemon.nodes())
            {
                assertThat(node.protocol().liveMemberCount()).as("exactly the 8 nodes").isEqualTo(NODES);
                assertThat(statusOf(node, attackerAddress)).as("the silent sender is no member").isNull();
                if (node != victim)
                {
                    assertThat(statusOf(node, victim.address())).as("the victim stays alive").isEqualTo(MemberStatus.ALIVE);
                }
                final NodeCounters c = node.protocol().counters();
                mismatched += c.refusals(Refusal.SENDER_MISMATCH);
                unverified += c.refusals(Refusal.UNVERIFIED_SENDER);
            }
            assertThat(mismatched).as("forged DEAD claims refused: envelope names another sender").isPositive();
            assertThat(unverified).as("joins from the silent sender refused").isPositive();

            final long sequence = daemon.node(3).protocol().broadcast(System.nanoTime(), 0, PAYLOAD, 0, PAYLOAD.capacity());
            stepUntil(30_000, "all 8 know the event after the flood",
                () -> allKnow(daemon, daemon.node(3).address(), sequence), daemon);
            System.out.println("HARDENING udp-daemon datagrams=" + sent + " refused_sender_mismatch=" + mismatched +
                " refused_unverified=" + unverified + " members=" + NODES);
        }
    }

    private static MemberStatus statusOf(final HostedNode node, final long address)
    {
        final MemberStatus[] found = new MemberStatus[1];
        node.protocol().forEachMember((a, status, incarnation, bootId) ->
        {
            if (a == address)
            {
                found[0] = status;
            }
        });
        return found[0];
    }
}
