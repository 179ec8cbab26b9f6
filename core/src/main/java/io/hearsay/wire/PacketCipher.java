package io.hearsay.wire;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Authenticated encryption of whole datagrams with AES-GCM, the cluster name as associated data (a packet of
 * another cluster, or sealed with a key this node does not hold, does not open). Sealed layout:
 * <pre>
 *   [version u8 = 1][key id i32][nonce 12 bytes: 4 random per cipher instance + 8 counter][ciphertext][tag 16]
 * </pre>
 * so a sealed datagram is {@link #OVERHEAD_BYTES} longer than its plaintext; the shell shrinks the core's packet
 * budget by that much. Single threaded. The JDK's GCM allocates a little per operation (its parameter spec and
 * internal state); the plaintext path (no key) stays allocation-free.
 */
public final class PacketCipher
{
    public static final byte VERSION = 1;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    public static final int HEADER_BYTES = 1 + 4 + NONCE_BYTES;
    public static final int OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES;

    private final Keyring keyring;
    private final byte[] associatedData;
    private final Cipher encrypt;
    private final Cipher decrypt;
    private final byte[] nonce = new byte[NONCE_BYTES];
    private final byte[] openNonce = new byte[NONCE_BYTES];
    private final int noncePrefix;
    private long nonceCounter;

    public PacketCipher(final Keyring keyring, final String clusterName)
    {
        this.keyring = keyring;
        this.associatedData = clusterName.getBytes(StandardCharsets.UTF_8);
        this.noncePrefix = new SecureRandom().nextInt();
        try
        {
            encrypt = Cipher.getInstance("AES/GCM/NoPadding");
            decrypt = Cipher.getInstance("AES/GCM/NoPadding");
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES/GCM is not available in this JVM", ex);
        }
    }

    /**
     * Seal {@code plain} (position..limit) into {@code sealed} from its position; on return {@code sealed} is
     * flipped (position 0, limit the sealed length).
     *
     * @return the sealed length
     */
    public int seal(final ByteBuffer plain, final ByteBuffer sealed)
    {
        final long counter = ++nonceCounter;
        nonce[0] = (byte)(noncePrefix >>> 24);
        nonce[1] = (byte)(noncePrefix >>> 16);
        nonce[2] = (byte)(noncePrefix >>> 8);
        nonce[3] = (byte)noncePrefix;
        for (int i = 0; i < 8; i++)
        {
            nonce[4 + i] = (byte)(counter >>> (56 - 8 * i));
        }
        sealed.put(VERSION).putInt(keyring.primaryKeyId()).put(nonce);
        try
        {
            encrypt.init(Cipher.ENCRYPT_MODE, keyring.primaryKey(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            encrypt.updateAAD(associatedData);
            encrypt.doFinal(plain, sealed);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES-GCM seal failed", ex);
        }
        sealed.flip();
        return sealed.limit();
    }

    /** @return the random nonce prefix of the sealing cipher of the last datagram {@link #open} accepted */
    public int lastOpenedPrefix()
    {
        return ((openNonce[0] & 0xFF) << 24) | ((openNonce[1] & 0xFF) << 16) | ((openNonce[2] & 0xFF) << 8) | (openNonce[3] & 0xFF);
    }

    /**
     * @return the sequence (nonce counter, from 1, increasing with every datagram its sealer seals) of the last
     * datagram {@link #open} accepted; authenticated with it, so a replay window can trust it
     */
    public long lastOpenedSequence()
    {
        long counter = 0;
        for (int i = 4; i < NONCE_BYTES; i++)
        {
            counter = counter << 8 | (openNonce[i] & 0xFF);
        }
        return counter;
    }

    /**
     * Open {@code sealed} (position..limit) into {@code plain} from its position; on success {@code plain} is flipped.
     *
     * @return the plaintext length, or -1 when the datagram is not authentic for this keyring and cluster
     */
    public int open(final ByteBuffer sealed, final ByteBuffer plain)
    {
        if (sealed.remaining() < OVERHEAD_BYTES || sealed.get() != VERSION)
        {
            return -1;
        }
        final SecretKeySpec key = keyring.keyFor(sealed.getInt());
        if (key == null)
        {
            return -1;
        }
        sealed.get(openNonce);
        try
        {
            decrypt.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, openNonce));
            decrypt.updateAAD(associatedData);
            decrypt.doFinal(sealed, plain);
        }
        catch (final AEADBadTagException ex)
        {
            return -1;
        }
        catch (final GeneralSecurityException | RuntimeException ex)
        {
            return -1;
        }
        plain.flip();
        return plain.limit();
    }
}
