package io.hearsay.wire;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The cluster's shared AES keys: one primary key that seals every outgoing datagram, and decrypt-only keys still
 * accepted on arrival, so keys can be rotated without a flag day (install the new key as decrypt-only everywhere,
 * then make it primary everywhere, then drop the old one). Each key is known on the wire by a 32-bit id (the first
 * four bytes of its SHA-256).
 * <p>
 * Key file: one base64 key (16, 24 or 32 bytes) per line, the first line the primary; blank lines and lines
 * starting with {@code #} are ignored. Make a key with {@code head -c 32 /dev/urandom | base64}.
 */
public final class Keyring
{
    private final SecretKeySpec primary;
    private final int primaryId;
    private final SecretKeySpec[] keys;
    private final int[] ids;

    public Keyring(final byte[] primaryKey, final List<byte[]> decryptOnlyKeys)
    {
        keys = new SecretKeySpec[1 + decryptOnlyKeys.size()];
        ids = new int[keys.length];
        keys[0] = spec(primaryKey, "primary key");
        ids[0] = keyId(primaryKey);
        for (int i = 0; i < decryptOnlyKeys.size(); i++)
        {
            keys[i + 1] = spec(decryptOnlyKeys.get(i), "decrypt-only key " + (i + 1));
            ids[i + 1] = keyId(decryptOnlyKeys.get(i));
        }
        primary = keys[0];
        primaryId = ids[0];
    }

    /** Reads a key file (see the class comment); errors name the file, the line and what is accepted. */
    public static Keyring load(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + ex.getMessage(), ex);
        }
        final List<byte[]> decoded = new ArrayList<>();
        int lineNo = 0;
        for (final String raw : lines)
        {
            lineNo++;
            final String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            try
            {
                decoded.add(Base64.getDecoder().decode(line));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("key file " + file + " line " + lineNo +
                    " is not base64; accepted: one base64 AES key (16, 24 or 32 bytes) per line");
            }
        }
        if (decoded.isEmpty())
        {
            throw new IllegalArgumentException("key file " + file + " holds no key; accepted: one base64 AES key " +
                "(16, 24 or 32 bytes) per line, the first the primary");
        }
        return new Keyring(decoded.get(0), decoded.subList(1, decoded.size()));
    }

    private static SecretKeySpec spec(final byte[] key, final String what)
    {
        if (key.length != 16 && key.length != 24 && key.length != 32)
        {
            throw new IllegalArgumentException(what + " is " + key.length + " bytes; accepted: 16, 24 or 32 bytes (AES)");
        }
        return new SecretKeySpec(key, "AES");
    }

    static int keyId(final byte[] key)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return ((digest[0] & 0xFF) << 24) | ((digest[1] & 0xFF) << 16) | ((digest[2] & 0xFF) << 8) | (digest[3] & 0xFF);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    SecretKeySpec primaryKey()
    {
        return primary;
    }

    int primaryKeyId()
    {
        return primaryId;
    }

    /** @return the key with this id, or null when the keyring does not hold it */
    SecretKeySpec keyFor(final int keyId)
    {
        for (int i = 0; i < ids.length; i++)
        {
            if (ids[i] == keyId)
            {
                return keys[i];
            }
        }
        return null;
    }

    /**
     * A key for another purpose (the control channel) derived from the primary key: HMAC-SHA256(primary, purpose).
     * Whoever holds the keyring derives the same key; the AES key itself never leaves this class.
     */
    public byte[] deriveKey(final String purpose)
    {
        try
        {
            final javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(primary.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        }
        catch (final java.security.GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public int size()
    {
        return keys.length;
    }
}
