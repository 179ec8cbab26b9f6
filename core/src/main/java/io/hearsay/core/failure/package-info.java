/**
 * SWIM failure detection: one probe per (awareness-scaled) protocol period in shuffled round-robin order, an
 * indirect probe through k members when the direct ack is late, relaying others' indirect probes with a nack
 * when the target stays silent (Lifeguard), and the verdict that raises a suspicion.
 */
package io.hearsay.core.failure;
