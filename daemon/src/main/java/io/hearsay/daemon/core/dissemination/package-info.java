/**
 * Dissemination strategies as pure, allocation-free functions over one {@code int} state word per
 * (node, rumor) ({@link io.hearsay.daemon.core.dissemination.DisseminationRule}, layout in
 * {@link io.hearsay.daemon.core.dissemination.RuleState}): the one code path shared by the daemon's core and
 * every fidelity of the simulator. {@link io.hearsay.daemon.core.dissemination.DisseminationRules} makes them.
 */
package io.hearsay.daemon.core.dissemination;
