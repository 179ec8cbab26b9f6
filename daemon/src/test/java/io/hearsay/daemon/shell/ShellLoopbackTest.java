package io.hearsay.daemon.shell;

import io.hearsay.wire.DropReason;
import io.hearsay.core.NodeCounters;
import io.hearsay.core.impair.LinkImpairment;
import io.hearsay.wire.Keyring;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hearsay.daemon.shell.ShellTestSupport.allKnow;
import static io.hearsay.daemon.shell.ShellTestSupport.flood;
import static io.hearsay.daemon.shell.ShellTestSupport.stepUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The shell's own plumbing over real loopback UDP, with a stand-in protocol (independent of the core). */
class ShellLoopbackTest
{
    private static final UnsafeBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    @Test
    void shouldCarryAnEventToEverySixtyFourNodesOfOneProcess() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(flood(64)))
        {
            stepUntil(10_000, "all 64 nodes know each other", () -> minMembers(daemon) == 64, daemon);
            final HostedNode origin = daemon.node(17);
            final long seq = origin.protocol().broadcast(0, 0, EMPTY, 0, 0);
            stepUntil(10_000, "all 64 nodes know the event", () -> allKnow(daemon, origin.address(), seq), daemon);
            assertThat(daemon.agent().datagramsReceived()).isGreaterThan(64);
        }
    }

    @Test
    void shouldDropAboutTheConfiguredShareUnderTenPercentLoss() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(flood(64).impairment(LinkImpairment.parse("test", "loss p=0.1"))))
        {
            stepUntil(10_000, "all 64 nodes joined", () -> minMembers(daemon) >= 2, daemon);
            final HostedNode origin = daemon.node(3);
            final long seq = origin.protocol().broadcast(0, 0, EMPTY, 0, 0);
            stepUntil(10_000, "all 64 nodes know the event under loss", () -> allKnow(daemon, origin.address(), seq), daemon);
            long lost = 0;
            long sent = 0;
            for (final HostedNode node : daemon.nodes())
            {
                lost += node.impairment().counters().lost;
                sent += node.protocol().counters().messagesSent;
            }
            assertThat((double)lost / sent).isBetween(0.07, 0.13);
        }
    }

    @Test
    void shouldDropAndCountForeignKeyPacketsButCarryOwnKeyPackets() throws Exception
    {
        final Keyring ours = new Keyring(new byte[16], List.of());
        final byte[] otherKey = new byte[16];
        otherKey[0] = 1;
        final Keyring theirs = new Keyring(otherKey, List.of());
        try (HearsayDaemon a = new HearsayDaemon(flood(4).keyring(ours));
            HearsayDaemon b = new HearsayDaemon(flood(1).keyring(theirs).seeds(new long[]{ 0 })))
        {
            stepUntil(5_000, "the keyed cluster of 4 forms", () -> minMembers(a) == 4, a);
            // b's node joins a's node 0 with the wrong key: a drops and counts it
            b.node(0).protocol().join(new long[]{ a.node(0).address() }, 0);
            stepUntil(5_000, "a counts unauthenticated packets",
                () -> a.node(0).protocol().counters().drops(DropReason.UNAUTHENTICATED) > 0, a, b);
            assertThat(a.node(0).protocol().liveMemberCount()).isEqualTo(4);
            final long seq = a.node(1).protocol().broadcast(0, 0, EMPTY, 0, 0);
            stepUntil(5_000, "the keyed cluster carries an event", () -> allKnow(a, a.node(1).address(), seq), a);
        }
    }

    static int minMembers(final HearsayDaemon daemon)
    {
        int min = Integer.MAX_VALUE;
        for (final HostedNode node : daemon.nodes())
        {
            min = Math.min(min, node.protocol().liveMemberCount());
        }
        return min;
    }
}
