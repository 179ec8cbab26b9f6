package io.hearsay.master.fault;

import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The nftables and tc text that makes a kernel-level fault inside one container's namespace. Pure functions, one
 * nftables table per fault kind so faults of different kinds coexist and each heals alone. Every rule matches only
 * the gossip ports, so the master's control traffic is never cut.
 */
public final class KernelFaultScripts
{
    public static final String LOSS_TABLE = "hearsay_loss";
    public static final String PARTITION_TABLE = "hearsay_partition";
    /** resolution of nftables' random: numgen random mod SCALE < p * SCALE */
    public static final int SCALE = 1_000_000;

    private KernelFaultScripts()
    {
    }

    /** receive-side loss: each datagram arriving at one of {@code ports} is dropped with probability {@code p} */
    public static String loss(final Collection<Integer> ports, final double p)
    {
        final long threshold = Math.round(p * SCALE);
        return replaceTable(LOSS_TABLE,
            "  chain input {\n" +
            "    type filter hook input priority filter; policy accept;\n" +
            "    udp dport " + set(ports) + " numgen random mod " + SCALE + " < " + threshold + " counter drop\n" +
            "  }\n");
    }

    /** drop every datagram from {@code fromIps} arriving at {@code ports} (one side of a partition) */
    public static String blockFrom(final Collection<String> fromIps, final Collection<Integer> ports)
    {
        return replaceTable(PARTITION_TABLE,
            "  chain input {\n" +
            "    type filter hook input priority filter; policy accept;\n" +
            "    ip saddr " + set(fromIps) + " udp dport " + set(ports) + " counter drop\n" +
            "  }\n");
    }

    /** removes the partition table (missing is not an error) */
    public static String healPartition()
    {
        return "add table inet " + PARTITION_TABLE + "\ndelete table inet " + PARTITION_TABLE + "\n";
    }

    /** removes every hearsay fault table (missing tables are not an error) */
    public static String healNft()
    {
        return "add table inet " + LOSS_TABLE + "\ndelete table inet " + LOSS_TABLE + "\n" +
            "add table inet " + PARTITION_TABLE + "\ndelete table inet " + PARTITION_TABLE + "\n";
    }

    /** tc: token bucket on the container's interface (egress) */
    public static String[] bandwidth(final String device, final long rateKbit)
    {
        final long burstBytes = Math.max(1600, rateKbit * 1000 / 8 / 50);
        return new String[] {"tc", "qdisc", "replace", "dev", device, "root", "tbf", "rate", rateKbit + "kbit",
            "burst", Long.toString(burstBytes), "latency", "100ms"};
    }

    /** tc: netem delay (only where the kernel has sch_netem) */
    public static String[] netemDelay(final String device, final long delayMs, final long jitterMs)
    {
        return jitterMs > 0 ?
            new String[] {"tc", "qdisc", "replace", "dev", device, "root", "netem", "delay", delayMs + "ms", jitterMs + "ms"} :
            new String[] {"tc", "qdisc", "replace", "dev", device, "root", "netem", "delay", delayMs + "ms"};
    }

    /** tc: netem duplicate or reorder with probability p */
    public static String[] netemProbability(final String device, final String what, final double p)
    {
        final String percent = String.format(Locale.ROOT, "%.4f%%", p * 100);
        return "reorder".equals(what) ?
            new String[] {"tc", "qdisc", "replace", "dev", device, "root", "netem", "delay", "10ms", "reorder", percent} :
            new String[] {"tc", "qdisc", "replace", "dev", device, "root", "netem", "duplicate", percent};
    }

    public static String[] healTc(final String device)
    {
        return new String[] {"sh", "-c", "tc qdisc del dev " + device + " root 2>/dev/null; true"};
    }

    private static String replaceTable(final String table, final String chains)
    {
        // add-then-delete makes the delete safe when the table does not exist yet; the file applies atomically
        return "add table inet " + table + "\ndelete table inet " + table + "\ntable inet " + table + " {\n" + chains + "}\n";
    }

    static String set(final Collection<?> items)
    {
        if (items.size() == 1)
        {
            return items.iterator().next().toString();
        }
        final StringJoiner joiner = new StringJoiner(", ", "{ ", " }");
        for (final Object item : items)
        {
            joiner.add(item.toString());
        }
        return joiner.toString();
    }
}
