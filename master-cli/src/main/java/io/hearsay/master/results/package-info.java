/**
 * {@code ./hearsay results}: docs/RESULTS.md generated from the checked-in experiment outputs (the simulator ladder of
 * experiments/sim-ladder.sh, the Docker lab's experiments), with the scaling fits of {@code io.hearsay.master.analysis}
 * and charts; never a number typed by hand.
 */
package io.hearsay.master.results;
