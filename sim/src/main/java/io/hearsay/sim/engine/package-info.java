/**
 * The discrete-event engine: a virtual clock, events ordered by (time, sequence) so that ties are
 * deterministic, and one seeded random source per run ({@link io.hearsay.sim.engine.SimRandom}).
 */
package io.hearsay.sim.engine;
