/**
 * hearsay's deterministic simulator: the daemon's dissemination rules (and, in the {@code full} fidelity, its
 * whole {@code GossipNode}) run over virtual time and a simulated network, from 10 to 10,000,000 nodes.
 */
package io.hearsay.sim;
