/**
 * The shell's own network impairment: exact, seeded, settable at start and at run time, per node and per peer.
 * Loss (Bernoulli and Gilbert-Elliott), delay with a distribution and jitter, duplication, reordering, one-way and
 * two-way blocking of peers, and sleep. Pure logic driven by a caller's clock; works on any kernel (no netem).
 */
package io.hearsay.daemon.shell.impair;
