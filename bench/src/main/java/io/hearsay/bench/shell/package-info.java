/** Macro measurements of the daemon's NIO shell over real sockets: datagrams per second, memory per hosted node. */
package io.hearsay.bench.shell;
