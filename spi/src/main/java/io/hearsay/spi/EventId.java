package io.hearsay.spi;

/**
 * An event's cluster-wide identity: the node that created it and its sequence number there.
 *
 * @param origin   the creating node's address
 * @param sequence its sequence number at the origin
 */
public record EventId(long origin, long sequence)
{
}
