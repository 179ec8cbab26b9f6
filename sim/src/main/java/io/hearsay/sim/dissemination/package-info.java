/** The {@code dissemination} fidelity: the rule alone over a shared member view, event-driven, to 10^7 nodes. */
package io.hearsay.sim.dissemination;
