/**
 * A run folder's record: the {@code summary.json} model ({@link io.hearsay.daemon.run.RunSummary}) shared by
 * {@code local}, {@code sim}, the Docker lab and the master's analysis, and a small dependency-free JSON
 * writer and reader ({@link io.hearsay.daemon.run.Json}).
 */
package io.hearsay.daemon.run;
