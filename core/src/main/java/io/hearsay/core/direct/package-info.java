/**
 * Direct-addressing gossip (after Haeupler &amp; Malkhi, PODC 2014): the plan as pure functions of N
 * ({@link io.hearsay.core.direct.DirectSchedule}), shared by the simulator's array model and the protocol core, and
 * the core's per-node state machine that follows it over the wire ({@link io.hearsay.core.direct.DirectAddressing},
 * the {@code direct-addressing} strategy).
 */
package io.hearsay.core.direct;
