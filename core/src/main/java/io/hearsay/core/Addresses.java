package io.hearsay.core;

/**
 * Packs an IPv4 address and a UDP port into the 64-bit address the core uses, without touching java.net.
 * Layout: bits 16..47 the IPv4 address (big-endian octets), bits 0..15 the port.
 */
public final class Addresses
{
    private Addresses()
    {
    }

    public static long pack(final int ipv4, final int port)
    {
        return ((ipv4 & 0xFFFF_FFFFL) << 16) | (port & 0xFFFF);
    }

    public static int ipv4(final long address)
    {
        return (int)(address >>> 16);
    }

    public static int port(final long address)
    {
        return (int)(address & 0xFFFF);
    }

    /** {@code 127.0.0.1:7946}; allocates, for logs and tools only. */
    public static String toString(final long address)
    {
        final int ip = ipv4(address);
        return ((ip >>> 24) & 0xFF) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF) +
            ":" + port(address);
    }

    /** Parses {@code a.b.c.d:port}; throws IllegalArgumentException naming the text when it is not one. */
    public static long parse(final String text)
    {
        final int colon = text.lastIndexOf(':');
        if (colon < 0)
        {
            throw new IllegalArgumentException("address '" + text + "' is not of the form a.b.c.d:port");
        }
        final String[] octets = text.substring(0, colon).split("\\.");
        if (octets.length != 4)
        {
            throw new IllegalArgumentException("address '" + text + "' is not of the form a.b.c.d:port");
        }
        int ip = 0;
        try
        {
            for (final String octet : octets)
            {
                final int value = Integer.parseInt(octet);
                if (value < 0 || value > 255)
                {
                    throw new IllegalArgumentException("address '" + text + "': octet " + value + " is not in 0..255");
                }
                ip = (ip << 8) | value;
            }
            final int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65535)
            {
                throw new IllegalArgumentException("address '" + text + "': port " + port + " is not in 1..65535");
            }
            return pack(ip, port);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("address '" + text + "' is not of the form a.b.c.d:port", ex);
        }
    }
}
