/**
 * Macro benchmarks of the master's analysis: merging many event-log queues into curves, and the scaling report
 * over many runs. Runnable mains that print the figures and the exact command; not timed tests.
 */
package io.hearsay.bench.analysis;
