package io.hearsay.master.fault;

/** Where a fault is made, as recorded in the run's fault timeline. */
public enum FaultLayer
{
    /** in the container's network namespace: nftables (loss, partitions), tc tbf (bandwidth), netem where present */
    KERNEL,
    /** the daemon's own transport impairment, commanded over its control port */
    DAEMON,
    /** the container's processes: pause/unpause (SIGSTOP/SIGCONT via the freezer), kill, restart */
    PROCESS;

    public String cliName()
    {
        return name().toLowerCase();
    }

    public static FaultLayer fromCliName(final String name)
    {
        for (final FaultLayer layer : values())
        {
            if (layer.cliName().equals(name))
            {
                return layer;
            }
        }
        throw new IllegalArgumentException("unknown layer '" + name + "'; accepted: kernel, daemon, process");
    }
}
