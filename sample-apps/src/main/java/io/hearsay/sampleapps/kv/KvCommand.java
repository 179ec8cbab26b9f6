package io.hearsay.sampleapps.kv;

import java.nio.charset.StandardCharsets;

/**
 * A write as an event payload, in text so that any program can write through the local API's {@code /v1/events}:
 * {@code kv1 set <key>\n<value>} or {@code kv1 del <key>}. A key is 1..128 characters without whitespace.
 *
 * @param key   the key
 * @param value the value, null for a delete
 */
public record KvCommand(String key, String value)
{
    public static final String PREFIX = "kv1 ";
    public static final int MAX_KEY_LENGTH = 128;

    public KvCommand
    {
        requireKey(key);
    }

    /** @throws IllegalArgumentException naming the key and what is accepted */
    public static void requireKey(final String key)
    {
        if (null == key || key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(Character::isWhitespace))
        {
            throw new IllegalArgumentException(
                "key '" + key + "' is not accepted; accepted: 1.." + MAX_KEY_LENGTH + " characters without whitespace");
        }
    }

    public byte[] encode()
    {
        final String text = null == value ? PREFIX + "del " + key : PREFIX + "set " + key + "\n" + value;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the command, or null if the payload is not a key-value write (other events are ignored) */
    public static KvCommand decode(final String payload)
    {
        if (!payload.startsWith(PREFIX))
        {
            return null;
        }
        try
        {
            if (payload.startsWith("set ", PREFIX.length()))
            {
                final int newline = payload.indexOf('\n');
                if (newline < 0)
                {
                    return null;
                }
                return new KvCommand(payload.substring(PREFIX.length() + 4, newline), payload.substring(newline + 1));
            }
            if (payload.startsWith("del ", PREFIX.length()))
            {
                return new KvCommand(payload.substring(PREFIX.length() + 4).trim(), null);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
        return null;
    }
}
