package io.hearsay.master.swarm;

/**
 * One worker container as the swarm runs it: the container's index in the plan, the swarm node (host) it was placed on,
 * the task's state ({@code running}, {@code failed}, {@code rejected}, ...), its address on the overlay (0 while it has
 * none), its container id on that host, and the swarm's error text when it failed.
 */
public record SwarmTask(int index, String nodeId, String host, String state, int ipv4, String containerId, String error)
{
    public boolean running()
    {
        return "running".equals(state);
    }

    /** the task ended or never started (the lab's services never restart a task) */
    public boolean terminal()
    {
        return switch (state)
        {
            case "failed", "rejected", "complete", "shutdown", "orphaned", "remove" -> true;
            default -> false;
        };
    }
}
