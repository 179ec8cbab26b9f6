/**
 * Rumors (application events): the store of known rumors with their strategy state words, the peer sampler,
 * and the monger that runs gossip rounds (push, pull, push-pull, median-counter through a
 * {@link io.hearsay.core.dissemination.DisseminationRule}), eager forwarding, pull replies and
 * anti-entropy.
 */
package io.hearsay.core.rumor;
