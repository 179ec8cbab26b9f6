/** JMH benchmarks of the simulator: the {@code rounds} fidelity's runs and rounds at 10^6 and 10^7 nodes. */
package io.hearsay.bench.sim;
