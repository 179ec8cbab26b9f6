/** The {@code ./hearsay sim} command: drives the simulator module and writes a run folder. */
package io.hearsay.master.sim;
