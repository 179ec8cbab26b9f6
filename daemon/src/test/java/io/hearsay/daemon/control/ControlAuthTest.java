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
}
