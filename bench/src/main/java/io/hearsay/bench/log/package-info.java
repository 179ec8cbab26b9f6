/** Event-log benchmarks: appending records to the process's Chronicle Queue. */
package io.hearsay.bench.log;
