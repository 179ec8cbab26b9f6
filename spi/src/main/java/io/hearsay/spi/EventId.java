package io.hearsay.spi;

/**
 * An event's cluster-wide identity: the node that created it and its sequence number there, numbered within
 * the node's boot (the high 32 bits derive from the boot id, the low 32 count from 1), so a restarted node's
 * events never repeat an id of its previous life.
 *
 * @param origin   the creating node's address
 * @param sequence its sequence number at the origin
 */
public record EventId(long origin, long sequence)
{
}
