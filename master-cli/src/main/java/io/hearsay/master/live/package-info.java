/**
 * The master's live view of a running cluster: {@code LiveCollector} polls every daemon's live reports over the
 * control port, keeps the latest report per node, the N x N {@code ViewMatrix} (what node i believes about node j)
 * with its disagreements, the propagation of the latest event as it happens, counters over time and the fault
 * timeline, and appends every report and command to the master's log. {@code ServeCommand} ({@code ./hearsay serve},
 * alias {@code master}) serves it as a web dashboard with Server-Sent Events and Prometheus {@code /metrics};
 * {@code WatchCommand} ({@code ./hearsay watch}) as a terminal table.
 */
package io.hearsay.master.live;
