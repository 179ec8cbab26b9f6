package io.hearsay.master.analysis;

import io.hearsay.core.Addresses;
import org.agrona.collections.Long2LongHashMap;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Wall-clock offsets measured by the master (a round-trip estimate per node), from a run folder's
 * {@code clock-offsets.properties}: {@code node = offset ns}, where offset = node clock − master clock, so the
 * corrected time of a record is {@code wallNs − offset}. A key is a node address {@code a.b.c.d:port}, an IPv4
 * address {@code a.b.c.d} (every node on that host) or a decimal node id (the simulator's index).
 * No file, no correction. Rounds are never corrected (they need no clock).
 */
public final class ClockOffsets
{
    public static final String FILE_NAME = "clock-offsets.properties";
    private static final long NONE = Long.MIN_VALUE;

    private final Long2LongHashMap byNode = new Long2LongHashMap(NONE);
    private final Long2LongHashMap byHost = new Long2LongHashMap(NONE);

    /** No correction at all. */
    public static ClockOffsets none()
    {
        return new ClockOffsets();
    }

    public boolean isEmpty()
    {
        return byNode.isEmpty() && byHost.isEmpty();
    }

    public int size()
    {
        return byNode.size() + byHost.size();
    }

    public ClockOffsets put(final long node, final long offsetNs)
    {
        byNode.put(node, offsetNs);
        return this;
    }

    public ClockOffsets putHost(final int ipv4, final long offsetNs)
    {
        byHost.put(ipv4 & 0xFFFF_FFFFL, offsetNs);
        return this;
    }

    /** The offset of {@code node} in ns (0 when none was measured). */
    public long offsetNs(final long node)
    {
        final long exact = byNode.get(node);
        if (exact != NONE)
        {
            return exact;
        }
        final long host = byHost.get(Addresses.ipv4(node) & 0xFFFF_FFFFL);
        return host != NONE ? host : 0;
    }

    /** Reads {@code runDir/clock-offsets.properties}, or no correction when the file is absent. */
    public static ClockOffsets load(final Path runDir) throws IOException
    {
        final Path file = runDir.resolve(FILE_NAME);
        final ClockOffsets offsets = new ClockOffsets();
        if (!Files.isRegularFile(file))
        {
            return offsets;
        }
        final Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            props.load(reader);
        }
        for (final String key : props.stringPropertyNames())
        {
            final String text = props.getProperty(key).trim();
            final long offsetNs;
            try
            {
                offsetNs = Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(file + ": offset '" + text + "' of '" + key +
                    "' is not an integer number of nanoseconds");
            }
            final String k = key.trim();
            if (k.indexOf(':') >= 0)
            {
                offsets.put(Addresses.parse(k), offsetNs);
            }
            else if (k.indexOf('.') >= 0)
            {
                offsets.putHost((int)(Addresses.parse(k + ":1") >>> 16), offsetNs);
            }
            else
            {
                try
                {
                    offsets.put(Long.parseLong(k), offsetNs);
                }
                catch (final NumberFormatException ex)
                {
                    throw new IllegalArgumentException(file + ": key '" + k + "' is not a node; accepted: " +
                        "a.b.c.d:port, a.b.c.d (every node of that host) or a decimal node id");
                }
            }
        }
        return offsets;
    }
}
