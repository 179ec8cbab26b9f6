/**
 * The sans-IO protocol core: a state machine driven by {@code onPacket(nowNs, …)} and {@code doWork(nowNs)} through
 * one interface, {@link io.hearsay.core.Node} (the daemon's shell, the simulator and the tests all drive it), speaking
 * out through an {@link io.hearsay.core.Outbox} and a {@link io.hearsay.core.CoreEventSink} (a first learning comes as
 * the node's reused {@link io.hearsay.core.EventLearned} view).
 * It imports no sockets, threads or clocks (a test scans the sources); time is an argument and randomness
 * is injected and seeded.
 * <p>
 * {@link io.hearsay.core.GossipNode} conducts; each protocol concept has its own home:
 * {@code membership} (member table, precedence of claims, update queue with transmit limit, suspicions,
 * awareness, SWIM maths), {@code failure} (probe cycle, indirect probes, nacks), {@code rumor} (rumor store,
 * peer sampler, the monger running a {@link io.hearsay.core.dissemination.DisseminationRule}),
 * {@code dissemination} (the strategies' rules, shared with the simulator), {@code timer} (one heap per node);
 * {@link io.hearsay.core.PacketComposer} fills each datagram up to the byte budget.
 */
package io.hearsay.core;
