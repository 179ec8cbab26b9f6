package io.hearsay.daemon.control;

import io.hearsay.wire.Keyring;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * Authentication of control datagrams: a {@value #TAG_BYTES}-byte tag, HMAC-SHA256 truncated, appended after the
 * {@code Control} message and computed over every byte before it. The key comes from a control token
 * ({@code HEARSAY_CONTROL_TOKEN} in the environment: SHA-256 of its text) or, without a token, from the
 * cluster keyring ({@link Keyring#deriveKey} of "hearsay-control/" + cluster name). A daemon with neither accepts
 * untagged commands (its control port listens on loopback by default). A command's trailer is its send time and the
 * tag over the command and that time ({@link #signTimestamped}); the daemon obeys it only while fresh
 * ({@link ControlFreshness}). Not thread-safe: one per poller or client.
 */
public final class ControlAuth
{
    /** the environment variable a daemon and the master's clients read the control token from */
    public static final String TOKEN_ENV = "HEARSAY_CONTROL_TOKEN";
    public static final int TAG_BYTES = 16;
    /** a command's trailer: its send time (epoch ms) then the tag */
    public static final int TIMESTAMP_BYTES = 8;
    public static final int TRAILER_BYTES = TIMESTAMP_BYTES + TAG_BYTES;

    private final Mac mac;
    private final byte[] tag = new byte[32];
    private final byte[] expected = new byte[TAG_BYTES];
    private byte[] scratch = new byte[1024];

    private final byte[] key;

    private ControlAuth(final byte[] key)
    {
        this.key = key.clone();
        try
        {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** @return authentication keyed by {@code token}; refuses an empty token */
    public static ControlAuth ofToken(final String token)
    {
        if (token == null || token.isBlank())
        {
            throw new IllegalArgumentException("control token is empty; accepted: any non-blank text (use 16+ random characters)");
        }
        try
        {
            return new ControlAuth(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public static ControlAuth ofKeyring(final Keyring keyring, final String clusterName)
    {
        return new ControlAuth(keyring.deriveKey("hearsay-control/" + clusterName));
    }

    /**
     * The daemon's choice: the token when given, else the keyring, else none (null = open control port).
     */
    public static ControlAuth of(final String token, final Keyring keyring, final String clusterName)
    {
        if (token != null && !token.isBlank())
        {
            return ofToken(token);
        }
        return keyring == null ? null : ofKeyring(keyring, clusterName);
    }

    /** @return the token in {@value #TOKEN_ENV}, or null (untagged commands) when it is unset */
    public static ControlAuth fromEnvironment()
    {
        final String token = System.getenv(TOKEN_ENV);
        return token == null || token.isBlank() ? null : ofToken(token);
    }

    /** @return another instance with the same key (an instance is not thread-safe: one per thread) */
    public ControlAuth copy()
    {
        return new ControlAuth(key);
    }

    /** Appends the tag after {@code length} bytes of {@code buffer}. @return the new length */
    public int sign(final MutableDirectBuffer buffer, final int length)
    {
        compute(buffer, length);
        buffer.putBytes(length, tag, 0, TAG_BYTES);
        return length + TAG_BYTES;
    }

    /**
     * Appends the trailer of a command: its send time ({@code sentWallMs}, epoch ms, int64 little endian) and the tag
     * over the command and that time, so a captured command can be replayed only within the daemon's freshness
     * window (where its request id is remembered). @return the new length
     */
    public int signTimestamped(final MutableDirectBuffer buffer, final int length, final long sentWallMs)
    {
        buffer.putLong(length, sentWallMs, java.nio.ByteOrder.LITTLE_ENDIAN);
        return sign(buffer, length + TIMESTAMP_BYTES);
    }

    /** The send time of a timestamped trailer that starts at {@code messageEnd}. */
    public static long sentWallMs(final DirectBuffer buffer, final int messageEnd)
    {
        return buffer.getLong(messageEnd, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** @return whether the last {@value #TAG_BYTES} of {@code length} bytes are the tag of the bytes before them */
    public boolean verify(final DirectBuffer buffer, final int length)
    {
        if (length < TAG_BYTES)
        {
            return false;
        }
        final int body = length - TAG_BYTES;
        compute(buffer, body);
        buffer.getBytes(body, expected, 0, TAG_BYTES);
        return MessageDigest.isEqual(java.util.Arrays.copyOf(tag, TAG_BYTES), expected);
    }

    private void compute(final DirectBuffer buffer, final int length)
    {
        if (scratch.length < length)
        {
            scratch = new byte[length];
        }
        buffer.getBytes(0, scratch, 0, length);
        mac.update(scratch, 0, length);
        try
        {
            mac.doFinal(tag, 0);
        }
        catch (final javax.crypto.ShortBufferException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
