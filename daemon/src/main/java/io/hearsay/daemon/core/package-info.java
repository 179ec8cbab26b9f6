/**
 * The sans-IO protocol core: a state machine driven by {@code onPacket(nowNs, …)} and {@code doWork(nowNs)},
 * speaking out through an {@link io.hearsay.daemon.core.Outbox} and a {@link io.hearsay.daemon.core.CoreEventSink}.
 * It imports no sockets, threads or clocks (a test scans the imports); time is an argument and randomness
 * is injected and seeded.
 */
package io.hearsay.daemon.core;
