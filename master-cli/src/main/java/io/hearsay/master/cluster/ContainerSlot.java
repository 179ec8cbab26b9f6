package io.hearsay.master.cluster;

/**
 * One worker container of a cluster: its index, Docker name, address, and the gossip ports of the nodes it hosts
 * ({@code basePort .. basePort + nodes - 1}); {@code firstNode} is the global index of its first node.
 */
public record ContainerSlot(
    int index, String name, int ipv4, int basePort, int nodes, int firstNode, int controlPort, String controlToken)
{
    /** without the control token (a secret) */
    @Override
    public String toString()
    {
        return "ContainerSlot[" + name + " " + ip() + " ports " + basePort + "+" + nodes + " control " + controlPort + "]";
    }

    public String ip()
    {
        return NetworkKind.dotted(ipv4);
    }

    public String endpoint(final int localNode)
    {
        return ip() + ":" + (basePort + localNode);
    }

    public String controlEndpoint()
    {
        return ip() + ":" + controlPort;
    }

    public String label()
    {
        return "c" + index;
    }

    public boolean hostsNode(final int globalNode)
    {
        return globalNode >= firstNode && globalNode < firstNode + nodes;
    }
}
