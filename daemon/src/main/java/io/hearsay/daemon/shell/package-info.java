/**
 * The daemon's NIO shell: one thread (an Agrona agent) drives many hosted nodes, each with its own non-blocking UDP
 * socket and its own sans-IO {@link io.hearsay.core.GossipNode}. The duty cycle reads the clock once, drains
 * the sockets through one Selector, feeds the cores, runs due timers, releases delayed datagrams, serves the control
 * port and writes periodic node statistics. Impairment ({@code .impair}) and authenticated encryption
 * ({@link io.hearsay.wire.PacketCipher}) sit between the cores and the sockets.
 */
package io.hearsay.daemon.shell;
