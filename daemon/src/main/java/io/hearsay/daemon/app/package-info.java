/**
 * Hosting applications on a node: {@link io.hearsay.daemon.app.ApplicationHost} (one per hosted node) receives the
 * core's events as a {@link io.hearsay.core.CoreEventSink}, hands callbacks to the application thread
 * ({@link io.hearsay.daemon.app.ApplicationDispatcher}) through a bounded queue (full: counted and dropped), and
 * executes the applications' commands on the duty cycle in {@code doWork(nowNs)}; it reaches the node only through
 * {@link io.hearsay.core.Node}. Plugins are loaded by {@link io.hearsay.daemon.app.PluginCatalog}.
 */
package io.hearsay.daemon.app;
