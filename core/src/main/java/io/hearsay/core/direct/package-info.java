/**
 * Direct-addressing gossip (after Haeupler &amp; Malkhi, PODC 2014): the plan as pure functions of N
 * ({@link io.hearsay.core.direct.DirectSchedule}), shared by the simulator's array model and the protocol core.
 */
package io.hearsay.core.direct;
