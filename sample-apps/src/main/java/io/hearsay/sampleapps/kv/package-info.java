/**
 * A small replicated key-value store: writes are events ({@link io.hearsay.sampleapps.kv.KvCommand}), every node
 * applies them to a last-writer-wins map ({@link io.hearsay.sampleapps.kv.LwwStore}) ordered by
 * (creation timestamp, origin, sequence), so all nodes that learned the same writes hold the same map.
 */
package io.hearsay.sampleapps.kv;
