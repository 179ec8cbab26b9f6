package io.hearsay.master.cluster;

import io.hearsay.daemon.wire.sbe.ControlCommand;

/**
 * Commands to a daemon process over its UDP control port (SBE {@code Control} -> {@code ControlAck}). The master
 * holds one; the implementation wraps the daemon's {@code ControlClient}.
 */
public interface DaemonControl extends AutoCloseable
{
    /** One command's parameters, named as in the schema's Control message. */
    record Command(ControlCommand command, long nodeAddress, double probability, long durationMs, long delayMs,
        long jitterMs, int count, String argument)
    {
        public static Command of(final ControlCommand command, final long nodeAddress)
        {
            return new Command(command, nodeAddress, 0, 0, 0, 0, 0, "");
        }
    }

    /**
     * Sends {@code command} to the process at {@code ip:port} and waits for its ack.
     *
     * @return the daemon's ack message
     * @throws IllegalStateException naming the endpoint when it nacks or does not answer in time
     */
    String send(String ip, int port, Command command);

    @Override
    default void close()
    {
    }
}
