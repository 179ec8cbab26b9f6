package io.hearsay.daemon.control;

import io.hearsay.daemon.shell.FloodShell;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.wire.Keyring;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hearsay.daemon.control.ControlPortTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A daemon with a control token or key obeys only commands tagged with it; the others are refused and counted. */
class ControlAuthTest
{
    @Test
    void shouldRefuseForgedCrashAndObeyAuthenticatedOne() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(FloodShell.config(4).controlPort(0).controlToken("s3cret-token")).start();
            ControlClient owner = new ControlClient(daemon.controlAddress(), 300, 5, ControlAuth.ofToken("s3cret-token"));
            ControlClient forger = new ControlClient(daemon.controlAddress(), 300, 2, null);
            ControlClient guesser = new ControlClient(daemon.controlAddress(), 300, 2, ControlAuth.ofToken("guess")))
        {
            awaitTrue("4 nodes run", () -> owner.status(0, 0).running() == 4);
            final long victim = owner.report(0, false, 0, 0).get(1).nodeAddress();

            final ControlClient.Ack untagged = forger.crash(victim);
            assertThat(untagged.ok()).isFalse();
            assertThat(untagged.message()).contains("refused").contains(ControlAuth.TOKEN_ENV);
            assertThat(guesser.crash(victim).ok()).isFalse();
            assertThatThrownBy(() -> forger.status(0, 0)).hasMessageContaining("STATUS refused");
            assertThatThrownBy(() -> guesser.report(0, true, 0, 0)).hasMessageContaining("REPORT refused");
            assertThat(owner.status(0, 0).running()).as("no forged command was obeyed").isEqualTo(4);
            assertThat(daemon.controlPoller().refusedUntagged()).isEqualTo(2);
            assertThat(daemon.controlPoller().refusedBadTag()).isEqualTo(2);

            assertThat(owner.crash(victim).ok()).isTrue();
            assertThat(owner.status(0, 0).running()).isEqualTo(3);
        }
    }

    @Test
    void shouldAuthenticateWithAKeyDerivedFromTheClusterKeyring() throws Exception
    {
        final Keyring keyring = new Keyring(new byte[16], List.of());
        final byte[] otherKey = new byte[16];
        otherKey[0] = 1;
        final HearsayDaemon started = new HearsayDaemon(FloodShell.config(2).controlPort(0).keyring(keyring)).start();
        final String cluster = "hearsay";
        try (HearsayDaemon daemon = started;
            ControlClient owner = new ControlClient(daemon.controlAddress(), 300, 5, ControlAuth.ofKeyring(keyring, cluster));
            ControlClient outsider = new ControlClient(daemon.controlAddress(), 300, 2,
                ControlAuth.ofKeyring(new Keyring(otherKey, List.of()), cluster)))
        {
            assertThat(outsider.leave(0).ok()).isFalse();
            assertThat(owner.status(0, 0).running()).isEqualTo(2);
            assertThat(owner.leave(0).ok()).isTrue();
            assertThat(owner.status(0, 0).running()).isZero();
        }
    }

    @Test
    void shouldRefuseATagOfAnAlteredCommand()
    {
        final ControlAuth auth = ControlAuth.ofToken("t");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putLong(0, 42L);
        final int length = auth.sign(buffer, 8);
        assertThat(auth.verify(buffer, length)).isTrue();
        buffer.putByte(3, (byte)1);
        assertThat(auth.verify(buffer, length)).isFalse();
        assertThat(auth.verify(buffer, 4)).isFalse();
    }

    @Test
    void shouldRefuseACapturedCommandReplayedAfterMoreThan64OtherCommandsAndAStaleOne() throws Exception
    {
        final ControlAuth signer = ControlAuth.ofToken("s3cret-token");
        try (HearsayDaemon daemon = new HearsayDaemon(FloodShell.config(2).controlPort(0).controlToken("s3cret-token")).start();
            ControlClient owner = new ControlClient(daemon.controlAddress(), 300, 5, ControlAuth.ofToken("s3cret-token"));
            java.net.DatagramSocket attacker = new java.net.DatagramSocket())
        {
            awaitTrue("2 nodes run", () -> owner.status(0, 0).running() == 2);
            attacker.setSoTimeout(2_000);
            // the owner's INJECT, as captured on the wire
            final byte[] captured = inject(signer, 7_000_001L, System.currentTimeMillis());
            assertThat(send(attacker, daemon, captured)).as("the original is obeyed").contains("origin=");
            awaitTrue("both nodes learned the event", () -> owner.status(0, 0).eventsLearned() == 2);
            final long learned = 2;

            for (int i = 0; i < 100; i++)
            {
                assertThat(owner.heal(0).ok()).isTrue(); // 100 acked commands: more than the 64 acks remembered
            }
            assertThat(send(attacker, daemon, captured)).contains("refused").contains("already obeyed");
            assertThat(send(attacker, daemon, inject(signer, 7_000_002L, System.currentTimeMillis() - 120_000)))
                .contains("refused").contains("more than 30 s");
            assertThat(owner.status(0, 0).eventsLearned()).as("no replayed INJECT created an event").isEqualTo(learned);
            assertThat(daemon.controlPoller().refusedNotFresh(ControlFreshness.Verdict.REPLAYED)).isEqualTo(1);
            assertThat(daemon.controlPoller().refusedNotFresh(ControlFreshness.Verdict.STALE)).isEqualTo(1);
            assertThat(owner.inject(0, 1, "fresh").ok()).as("fresh commands are still obeyed").isTrue();
        }
    }

    private static byte[] inject(final ControlAuth auth, final long requestId, final long sentWallMs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final io.hearsay.wire.sbe.ControlEncoder encoder = new io.hearsay.wire.sbe.ControlEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, new io.hearsay.wire.sbe.MessageHeaderEncoder())
            .requestId(requestId).command(io.hearsay.wire.sbe.ControlCommand.INJECT).nodeAddress(0).probability(0)
            .durationMs(0).delayMs(0).jitterMs(0).count(1).direction(io.hearsay.wire.sbe.BlockDirection.BOTH)
            .eventOrigin(0).eventSequence(0).argument("captured");
        final int length = auth.signTimestamped(buffer,
            io.hearsay.wire.sbe.MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(), sentWallMs);
        return java.util.Arrays.copyOf(buffer.byteArray(), length);
    }

    /** Sends a raw datagram to the daemon's control port and returns the ack's message. */
    private static String send(final java.net.DatagramSocket socket, final HearsayDaemon daemon, final byte[] datagram)
        throws Exception
    {
        socket.send(new java.net.DatagramPacket(datagram, datagram.length, daemon.controlAddress()));
        final byte[] in = new byte[2048];
        final java.net.DatagramPacket packet = new java.net.DatagramPacket(in, in.length);
        socket.receive(packet);
        final io.hearsay.wire.sbe.ControlAckDecoder ack = new io.hearsay.wire.sbe.ControlAckDecoder();
        ack.wrapAndApplyHeader(new UnsafeBuffer(in, 0, packet.getLength()), 0, new io.hearsay.wire.sbe.MessageHeaderDecoder());
        return ack.message();
    }
}
