/**
 * The control port: one UDP socket per daemon process on which the master sends SBE {@code Control} commands and
 * receives {@code ControlAck}, {@code ProcessStatus} and {@code NodeReport} answers. {@link
 * io.hearsay.daemon.control.ControlPoller} is the daemon side (polled by the duty cycle), {@link
 * io.hearsay.daemon.control.ControlClient} the master side (blocking, with timeouts and retries).
 */
package io.hearsay.daemon.control;
