/**
 * The one impairment model and the one fault grammar, shared by the daemon's impairment layer, the simulator's
 * network, {@code ./hearsay fault} and experiment files.
 * <p>
 * The model: {@link io.hearsay.core.impair.LinkImpairment} (Bernoulli or Gilbert-Elliott loss, a
 * {@link io.hearsay.core.impair.DelayDistribution} with jitter, duplication, reordering), applied per node by
 * address ({@link io.hearsay.core.impair.NodeImpairment}, the daemon) or per node index with groups, one-way and
 * two-way partitions and per-node drop ({@link io.hearsay.core.impair.NetworkImpairment}, the simulator). IO-free:
 * time is an argument ({@code nowNs}), randomness is injected and seeded, and no datagram allocates.
 * <p>
 * The grammar: {@link io.hearsay.core.impair.FaultGrammar} reads lines {@code [at TIME] FAULT key=value...}
 * ({@link io.hearsay.core.impair.FaultVerb} lists the faults and their keys) into
 * {@link io.hearsay.core.impair.FaultStatement}s; a bad line is refused naming its line, column and what is
 * accepted. Each layer then says honestly which faults it can make.
 */
package io.hearsay.core.impair;
