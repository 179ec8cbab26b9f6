/**
 * Wire codec benchmarks: each datagram kind encoded with {@link io.hearsay.wire.WirePublisher} and checked
 * and decoded with {@link io.hearsay.wire.WireAdapter}, as the core uses them.
 */
package io.hearsay.bench.wire;
