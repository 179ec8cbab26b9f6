/**
 * Sample applications on the hearsay SPI, packaged as one drop-in plugin JAR: an event injector for experiments
 * ({@link io.hearsay.sampleapps.injector}), a replicated last-writer-wins key-value store
 * ({@link io.hearsay.sampleapps.kv}) and a membership printer ({@link io.hearsay.sampleapps.printer}).
 */
package io.hearsay.sampleapps;
