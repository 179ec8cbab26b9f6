/** The {@code full} fidelity: every node a complete {@code GossipNode} over the simulated network. */
package io.hearsay.sim.full;
