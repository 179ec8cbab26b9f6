/** JMH benchmarks of the protocol core and its wire codecs (encode, decode, a node's packet handling). */
package io.hearsay.bench.core;
