/**
 * Direct addressing in the {@code rounds} fidelity: a reconstruction of Haeupler &amp; Malkhi's O(log log N)-round
 * gossip (PODC 2014, arXiv 1402.2701) that builds clusters under leaders (random growth, squaring merges,
 * a final merge) and then spreads the rumor source &rarr; leader &rarr; members, counting every call and answer
 * per node so that the price, leader in-degree, is reported next to the rounds.
 */
package io.hearsay.sim.direct;
