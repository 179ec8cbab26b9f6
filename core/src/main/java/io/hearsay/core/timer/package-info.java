/** One timer structure per node: a binary min-heap of (deadline, kind, argument) in parallel arrays. */
package io.hearsay.core.timer;
