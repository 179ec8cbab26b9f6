/**
 * Running real daemons: {@code ./hearsay daemon} (one process hosting K nodes) and {@code ./hearsay local} (N nodes
 * in P child processes on loopback, driven through their control ports, leaving a run folder with logs,
 * configuration and a summary).
 */
package io.hearsay.master.cluster;
