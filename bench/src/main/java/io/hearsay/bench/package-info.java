/**
 * hearsay's benchmarks: JMH micro-benchmarks of the wire codecs, the protocol core and the event log, an
 * allocation probe, and macro runs over real sockets. None of this runs in {@code mvn verify}: benchmarks are not
 * tests. Build {@code target/benchmarks.jar} with {@code mvn package}, run with {@code bench/run.sh}.
 */
package io.hearsay.bench;
