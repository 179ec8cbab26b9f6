package io.hearsay.master.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Detects a full connection-tracking table (BUILD-NOTES: 262,144 flows; when it is full the kernel drops packets
 * and sends fail with EPERM) and an overflowing ARP table (one table for every namespace, 1,024 entries by default,
 * while C macvlan containers need about C * C), so the lab reports them instead of letting them pass for loss.
 */
public final class ConntrackProbe
{
    /** fill fraction at which the table is reported as (nearly) full */
    public static final double FULL_FRACTION = 0.9;

    private final DockerCli docker;

    public ConntrackProbe(final DockerCli docker)
    {
        this.docker = docker;
    }

    /** "count/max" of the host namespace, or null where conntrack is not present */
    public static long[] hostCounts()
    {
        try
        {
            final long count = Long.parseLong(readProc("/proc/sys/net/netfilter/nf_conntrack_count"));
            final long max = Long.parseLong(readProc("/proc/sys/net/netfilter/nf_conntrack_max"));
            return new long[] {count, max};
        }
        catch (final IOException | NumberFormatException ex)
        {
            return null;
        }
    }

    /** /proc files report size 0, and Files.readString trusts the size: read the stream to its end instead */
    private static String readProc(final String path) throws IOException
    {
        try (java.io.InputStream in = Files.newInputStream(Path.of(path)))
        {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        }
    }

    /** "count max" read inside a container's namespace, or null when it cannot be read */
    public long[] containerCounts(final String container)
    {
        final DockerCli.Result r = docker.docker(Duration.ofSeconds(10), "exec", container, "cat",
            "/proc/sys/net/netfilter/nf_conntrack_count", "/proc/sys/net/netfilter/nf_conntrack_max");
        if (!r.ok())
        {
            return null;
        }
        final String[] lines = r.stdout().trim().split("\\s+");
        try
        {
            return new long[] {Long.parseLong(lines[0]), Long.parseLong(lines[1])};
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /** Warnings for the host and the given containers whose table is at least {@link #FULL_FRACTION} full. */
    public List<String> fullTables(final List<String> containers)
    {
        final List<String> warnings = new ArrayList<>();
        final long[] host = hostCounts();
        if (host != null && host[0] >= FULL_FRACTION * host[1])
        {
            warnings.add("host conntrack table " + host[0] + "/" + host[1] + " is full: packets are being dropped " +
                "by the kernel, not by the protocol");
        }
        for (final String container : containers)
        {
            final long[] c = containerCounts(container);
            if (c != null && c[0] >= FULL_FRACTION * c[1])
            {
                warnings.add(container + " conntrack table " + c[0] + "/" + c[1] + " is full (notrack rule missing?)");
            }
        }
        final DockerCli.Result dmesg = DockerCli.exec(null, null, Duration.ofSeconds(5), List.of("dmesg"));
        if (dmesg.ok() && dmesg.stdout().contains("nf_conntrack: table full"))
        {
            warnings.add("the kernel log says 'nf_conntrack: table full, dropping packet' (since boot)");
        }
        if (dmesg.ok() && dmesg.stdout().contains("neighbor table overflow"))
        {
            warnings.add("the kernel log says 'neighbour: arp_cache: neighbor table overflow!' (since boot): ARP " +
                "failed for some peers; docker/net-up raises net.ipv4.neigh.default.gc_thresh1..3");
        }
        return warnings;
    }
}
