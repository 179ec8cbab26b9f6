package io.hearsay.master.cluster;

import io.hearsay.daemon.control.ControlAuth;
import io.hearsay.daemon.control.ControlClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The master's control clients, one per daemon process (container), opened on first use and closed together.
 * From the host, macvlan containers are reached through the shim interface, bridge ones through hsbr0. Commands are
 * tagged with the run's control token (its run folder's {@code control.token}), else with {@code HEARSAY_CONTROL_TOKEN}.
 */
public final class ControlPorts implements AutoCloseable
{
    public static final int ATTEMPT_TIMEOUT_MS = 300;
    public static final int ATTEMPTS = 4;

    private final Map<String, ControlClient> clients = new HashMap<>();

    public synchronized ControlClient client(final ContainerSlot slot)
    {
        return clients.computeIfAbsent(slot.controlEndpoint(), endpoint ->
        {
            try
            {
                final InetSocketAddress target = new InetSocketAddress(slot.ip(), slot.controlPort());
                return slot.controlToken() == null ? new ControlClient(target, ATTEMPT_TIMEOUT_MS, ATTEMPTS) :
                    new ControlClient(target, ATTEMPT_TIMEOUT_MS, ATTEMPTS, ControlAuth.ofToken(slot.controlToken()));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot open a control client to " + endpoint, ex);
            }
        });
    }

    @Override
    public synchronized void close()
    {
        clients.values().forEach(ControlClient::close);
        clients.clear();
    }
}
