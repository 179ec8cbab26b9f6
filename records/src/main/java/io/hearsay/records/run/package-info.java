/**
 * A run folder's record: the {@code summary.json} model ({@link io.hearsay.records.run.RunSummary}) shared by
 * {@code local}, {@code sim}, the Docker lab and the master's analysis, and a small dependency-free JSON
 * writer and reader ({@link io.hearsay.records.run.Json}).
 */
package io.hearsay.records.run;
