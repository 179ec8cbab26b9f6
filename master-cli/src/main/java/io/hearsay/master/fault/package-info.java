/**
 * Faults on a running Docker cluster, in three layers: the kernel of each container's network namespace (nftables
 * loss and partitions, tc tbf bandwidth, netem only where the kernel has it), the daemon's own impairment over its
 * control port, and the processes (docker pause, kill, restart). Targets are chosen with {@link
 * io.hearsay.master.fault.NodeSelector}; every fault is recorded in the run's {@code faults.jsonl}; scenario files
 * are timelines of faults validated before anything starts.
 */
package io.hearsay.master.fault;
