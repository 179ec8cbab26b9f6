/** Scenario files: a timeline of network and process faults, parsed and validated line by line. */
package io.hearsay.sim.scenario;
