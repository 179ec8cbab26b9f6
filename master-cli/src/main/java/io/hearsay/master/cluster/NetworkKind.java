package io.hearsay.master.cluster;

/**
 * The lab's two container networks, as created by {@code docker/net-up}. Addresses are fixed so that seeds and
 * fault targets are known before a container starts; the subnets exist only on interfaces the lab created.
 */
public enum NetworkKind
{
    /** macvlan over a veth end (never the host NIC); the host reaches it through the shim {@code hsshim0}. */
    MACVLAN("hearsay-mv", ipv4(10, 213, 0, 0)),
    /** a plain Docker bridge {@code hsbr0}; the host holds its gateway 10.214.0.1. */
    BRIDGE("hearsay-br", ipv4(10, 214, 0, 0)),
    /**
     * a swarm overlay (VXLAN between hosts), {@code --engine swarm} only: the swarm gives addresses (no fixed plan);
     * the host reaches it through the lab's gateway container (docker/swarm-net-up)
     */
    OVERLAY("hearsay-ov", ipv4(10, 215, 0, 0));

    /** offset of the master container's address in the subnet */
    public static final int MASTER_OFFSET = 2;
    /** offset of the first worker container's address */
    public static final int FIRST_WORKER_OFFSET = 10;
    /** workers fit below .127.255 (Docker's --ip-range for macvlan is the lower /17) */
    public static final int MAX_CONTAINERS = 32_000;

    private final String dockerName;
    private final int subnetBase;

    NetworkKind(final String dockerName, final int subnetBase)
    {
        this.dockerName = dockerName;
        this.subnetBase = subnetBase;
    }

    public String dockerName()
    {
        return dockerName;
    }

    public String cliName()
    {
        return name().toLowerCase();
    }

    /** address of worker container {@code index} (0-based) */
    public int workerIpv4(final int index)
    {
        if (index < 0 || index >= MAX_CONTAINERS)
        {
            throw new IllegalArgumentException("container index " + index + " is not in 0.." + (MAX_CONTAINERS - 1));
        }
        return subnetBase + FIRST_WORKER_OFFSET + index;
    }

    public int masterIpv4()
    {
        return subnetBase + MASTER_OFFSET;
    }

    public static NetworkKind fromCliName(final String name)
    {
        for (final NetworkKind kind : values())
        {
            if (kind.cliName().equals(name))
            {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown network '" + name + "'; accepted: macvlan, bridge, overlay (--engine swarm)");
    }

    public static int ipv4(final int a, final int b, final int c, final int d)
    {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    public static String dotted(final int ip)
    {
        return ((ip >>> 24) & 0xFF) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }
}
