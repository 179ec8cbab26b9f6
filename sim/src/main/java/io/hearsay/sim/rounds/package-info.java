/** The {@code rounds} fidelity: the synchronous random phone call model, flat arrays, millions of nodes. */
package io.hearsay.sim.rounds;
