package io.hearsay.master.cluster;

import io.hearsay.core.Addresses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Gossip cluster names given when none is: a fresh cluster gets a name of its own, so a daemon started for one run
 * never merges with another cluster on the same host (nodes of another name are not heard). The name travels in
 * every datagram, so it is kept short.
 */
public final class ClusterNames
{
    private ClusterNames()
    {
    }

    /** @return hearsay-XXXXXXXX: 32 bits of SHA-256 of the run id (local runs, lab runs) */
    public static String forRun(final String runId)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            return "hearsay-" + HexFormat.of().formatHex(digest, 0, 4);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A bare daemon's name: hearsay-ADDRESS, ADDRESS the lowest of its seeds, else the lowest roster address, else its
     * own first node ({@code bind:port}). A founder and the daemons seeded with it agree without being told; a daemon
     * seeded only with a later joiner, or a founder on an ephemeral port, needs {@code --cluster}.
     */
    public static String forDaemon(final long[] seeds, final long[] roster, final String bind, final int port)
    {
        final long[] known = seeds.length > 0 ? seeds : roster;
        if (known.length == 0)
        {
            return "hearsay-" + bind + ":" + port;
        }
        long lowest = known[0];
        for (final long address : known)
        {
            lowest = Long.compareUnsigned(address, lowest) < 0 ? address : lowest;
        }
        return "hearsay-" + Addresses.toString(lowest);
    }
}
