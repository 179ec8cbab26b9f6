package io.hearsay.daemon.shell;

import io.hearsay.core.Addresses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A cluster's roster: every member address, known before the cluster starts (a lab that places its nodes). One entry
 * a line, {@code a.b.c.d:port} or {@code a.b.c.d:port+count} for {@code count} consecutive ports; {@code #} starts a
 * comment. A node started with a roster knows every member without joining (see {@code GossipNode.addRosterMember}).
 */
public final class Roster
{
    /** more members than this in one roster is refused (the member table of every node holds them all) */
    public static final int MAX_MEMBERS = 100_000;

    private Roster()
    {
    }

    public static long[] load(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("roster " + file + " cannot be read: " + ex.getMessage(), ex);
        }
        return parse(lines, file.toString());
    }

    public static long[] parse(final List<String> lines, final String source)
    {
        long[] addresses = new long[64];
        int count = 0;
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = stripComment(lines.get(i));
            if (line.isEmpty())
            {
                continue;
            }
            final String where = source + ":" + (i + 1);
            final int plus = line.indexOf('+');
            final long first;
            final int ports;
            try
            {
                first = Addresses.parse((plus < 0 ? line : line.substring(0, plus)).trim());
                ports = plus < 0 ? 1 : Integer.parseInt(line.substring(plus + 1).trim());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(where + ": '" + line + "' is not accepted (" + ex.getMessage() +
                    "); accepted: a.b.c.d:port or a.b.c.d:port+count", ex);
            }
            final int port = Addresses.port(first);
            if (ports < 1 || port + ports - 1 > 65_535)
            {
                throw new IllegalArgumentException(where + ": '" + line + "': count " + ports +
                    " is not accepted; accepted: 1.." + (65_535 - port + 1) + " (ports up to 65535)");
            }
            if (count + ports > MAX_MEMBERS)
            {
                throw new IllegalArgumentException(where + ": the roster grows past " + MAX_MEMBERS + " members");
            }
            if (count + ports > addresses.length)
            {
                addresses = java.util.Arrays.copyOf(addresses, Math.max(addresses.length * 2, count + ports));
            }
            for (int p = 0; p < ports; p++)
            {
                addresses[count++] = Addresses.pack(Addresses.ipv4(first), port + p);
            }
        }
        if (count == 0)
        {
            throw new IllegalArgumentException(source + ": the roster names no member; accepted: a.b.c.d:port or " +
                "a.b.c.d:port+count, one a line");
        }
        return java.util.Arrays.copyOf(addresses, count);
    }

    private static String stripComment(final String line)
    {
        final int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).trim();
    }
}
