/**
 * The master's analysis: collect every node's event-log queue of a run folder, merge the records by time into
 * per-event propagation curves (informed(t), informed(round), HdrHistogram learn latency), and fit how
 * dissemination time grows with N (log N against log log N) across many runs; read a Docker lab run's fault
 * timeline ({@code faults.jsonl}) into the fault windows shaded on its curves.
 */
package io.hearsay.master.analysis;
