package io.hearsay.master.analysis;

import io.hearsay.core.Addresses;

/** An application event's identity: the node that created it and its sequence there. */
public record EventKey(long origin, long sequence) implements Comparable<EventKey>
{
    @Override
    public int compareTo(final EventKey other)
    {
        final int c = Long.compare(origin, other.origin);
        return c != 0 ? c : Long.compare(sequence, other.sequence);
    }

    /** {@code 10.0.0.3:7946#1}, or {@code 17#1} for a simulator node index. */
    public String label()
    {
        return NodeNames.format(origin) + "#" + sequence;
    }

    @Override
    public String toString()
    {
        return label();
    }

    /** Node addresses and simulator indices as text. */
    public static final class NodeNames
    {
        private NodeNames()
        {
        }

        /** An address with a non-zero IPv4 part as {@code a.b.c.d:port}; anything else (a node index) in decimal. */
        public static String format(final long node)
        {
            return (node >>> 16) != 0 && (node >>> 48) == 0 && Addresses.port(node) != 0 ?
                Addresses.toString(node) : Long.toString(node);
        }
    }
}
