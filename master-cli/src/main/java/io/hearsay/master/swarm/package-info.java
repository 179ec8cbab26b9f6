/**
 * The lab on Docker Swarm ({@code cluster up --engine swarm}): one swarm service per worker container on an overlay
 * network, the host's way into the overlay (a gateway container), the task table that maps containers to hosts and
 * addresses, one agent per host (a global service with that host's docker socket: faults, container states and logs
 * there), the docker CLI addressed to swarm tasks, log gathering from every host and per-host clock offsets.
 */
package io.hearsay.master.swarm;
