/**
 * Dissemination strategies as pure, allocation-free functions over one {@code int} state word per
 * (node, rumor) ({@link io.hearsay.core.dissemination.DisseminationRule}, layout in
 * {@link io.hearsay.core.dissemination.RuleState}): the one code path shared by the daemon's core and
 * every fidelity of the simulator. {@link io.hearsay.core.dissemination.DisseminationRules} makes them.
 */
package io.hearsay.core.dissemination;
