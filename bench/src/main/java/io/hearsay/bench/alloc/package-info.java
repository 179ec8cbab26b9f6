/**
 * An allocation-counting harness independent of JMH: runs each hot-path operation many times on one thread and
 * reads {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} before and after, so any byte allocated
 * per operation shows up exactly (JMH's {@code -prof gc} gives the same figure as a rate).
 */
package io.hearsay.bench.alloc;
