package io.hearsay.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketCipherTest
{
    private static final byte[] OLD = key(1);
    private static final byte[] NEW = key(2);
    private static final byte[] FOREIGN = key(3);

    private static byte[] key(final int b)
    {
        final byte[] k = new byte[32];
        k[0] = (byte)b;
        return k;
    }

    private static ByteBuffer seal(final PacketCipher cipher, final String text)
    {
        final ByteBuffer sealed = ByteBuffer.allocateDirect(2048);
        cipher.seal(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), sealed);
        return sealed;
    }

    private static String open(final PacketCipher cipher, final ByteBuffer sealed)
    {
        final ByteBuffer plain = ByteBuffer.allocateDirect(2048);
        final int length = cipher.open(sealed.duplicate(), plain);
        if (length < 0)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        plain.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void shouldOpenWhatItSealsAndAddTheStatedOverhead()
    {
        final PacketCipher cipher = new PacketCipher(new Keyring(OLD, List.of()), "c1");
        final ByteBuffer sealed = seal(cipher, "hello");
        assertThat(sealed.remaining()).isEqualTo(5 + PacketCipher.OVERHEAD_BYTES);
        assertThat(open(cipher, sealed)).isEqualTo("hello");
    }

    @Test
    void shouldAcceptTheOldKeyDuringRotationAndSealWithTheNewPrimary()
    {
        final PacketCipher oldNode = new PacketCipher(new Keyring(OLD, List.of()), "c1");
        final PacketCipher rotating = new PacketCipher(new Keyring(NEW, List.of(OLD)), "c1");
        assertThat(open(rotating, seal(oldNode, "from old"))).isEqualTo("from old");
        // the old node does not hold the new key yet: it cannot open the new primary's packets
        assertThat(open(oldNode, seal(rotating, "from new"))).isNull();
        final PacketCipher newOnly = new PacketCipher(new Keyring(NEW, List.of()), "c1");
        assertThat(open(newOnly, seal(rotating, "from new"))).isEqualTo("from new");
    }

    @Test
    void shouldRejectForeignKeysOtherClustersAndTampering()
    {
        final PacketCipher ours = new PacketCipher(new Keyring(OLD, List.of()), "c1");
        assertThat(open(ours, seal(new PacketCipher(new Keyring(FOREIGN, List.of()), "c1"), "x"))).isNull();
        assertThat(open(ours, seal(new PacketCipher(new Keyring(OLD, List.of()), "other-cluster"), "x"))).isNull();
        final ByteBuffer sealed = seal(ours, "payload");
        sealed.put(PacketCipher.HEADER_BYTES + 2, (byte)(sealed.get(PacketCipher.HEADER_BYTES + 2) ^ 1));
        assertThat(open(ours, sealed)).isNull();
        final ByteBuffer truncated = ByteBuffer.allocateDirect(10);
        assertThat(open(ours, truncated)).isNull();
    }

    @Test
    void shouldLoadAKeyFileAndNameBadLines(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("keys");
        Files.writeString(file, "# primary first\n" + Base64.getEncoder().encodeToString(NEW) + "\n\n" +
            Base64.getEncoder().encodeToString(OLD) + "\n");
        assertThat(Keyring.load(file).size()).isEqualTo(2);
        Files.writeString(file, "not base64 !!\n");
        assertThatThrownBy(() -> Keyring.load(file)).hasMessageContaining("line 1").hasMessageContaining("base64");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[5]) + "\n");
        assertThatThrownBy(() -> Keyring.load(file)).hasMessageContaining("5 bytes").hasMessageContaining("16, 24 or 32");
    }
}
