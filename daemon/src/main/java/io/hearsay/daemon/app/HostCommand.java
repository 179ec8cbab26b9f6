package io.hearsay.daemon.app;

import io.hearsay.core.Node;

/**
 * Something an application or the local API asked of the node, executed on the duty cycle by
 * {@link ApplicationHost#doWork(long)}.
 */
abstract class HostCommand
{
    /** Runs on the duty-cycle thread; must not block. */
    abstract void execute(ApplicationHost host, Node node, long nowNs);

    /** The node threw; report to whoever waits (through {@link ApplicationHost#deliver}). */
    void onError(final ApplicationHost host, final Throwable error)
    {
    }
}
