/**
 * Declarative experiments on Docker clusters: cells (sizes x strategies x timings x loss) times repetitions, each a
 * fresh cluster and a run folder, resumable, with progress and an estimate of the time left; the report at the end.
 */
package io.hearsay.master.experiment;
