/**
 * Membership: the member table with incarnations and boot ids, the precedence rule between two claims about a
 * member, the transmit-limited queue of membership updates piggybacked on every message, suspicions with
 * confirmations, local health awareness, and the SWIM/Lifeguard maths as small pure functions.
 */
package io.hearsay.core.membership;
