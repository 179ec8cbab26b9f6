/**
 * Running real clusters: {@code ./hearsay daemon} (one process hosting K nodes), {@code ./hearsay local} (N nodes in
 * P child processes on loopback, driven through their control ports, leaving a run folder with logs, configuration
 * and a summary), and the Docker lab's {@code ./hearsay cluster} commands.
 */
package io.hearsay.master.cluster;
