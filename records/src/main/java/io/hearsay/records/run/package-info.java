/**
 * A run folder's record: the {@code summary.json} model ({@link io.hearsay.records.run.RunSummary}) shared by
 * {@code local}, {@code sim}, the Docker lab and the master's analysis, with the Student-t intervals it writes
 * ({@link io.hearsay.records.run.StudentT}, here because the simulator writes them and does not depend on the
 * master), and plain-value JSON through Jackson ({@link io.hearsay.records.run.Json}).
 */
package io.hearsay.records.run;
