/**
 * A simulation series: configuration ({@link io.hearsay.sim.run.SimConfig}), the runs
 * ({@link io.hearsay.sim.run.SimRunner}), their figures ({@link io.hearsay.sim.run.RunResult}) and the run
 * folder they are written to ({@link io.hearsay.sim.run.RunFolder}: config.properties, summary.json, rounds.csv,
 * event-log records).
 */
package io.hearsay.sim.run;
