/**
 * The shell's side of impairment: {@link io.hearsay.daemon.shell.impair.DelayedSendQueue} holds the datagrams the
 * model delays until they are due. The model itself (loss, delay distributions, duplication, reordering, blocks,
 * sleep) is core's {@link io.hearsay.core.impair.NodeImpairment}, the same the simulator's network uses; it works
 * on any kernel (no netem).
 */
package io.hearsay.daemon.shell.impair;
