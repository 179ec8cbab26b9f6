/**
 * Rumors (application events): the store of known rumors with their strategy state words, the peer sampler,
 * and the monger that runs gossip rounds (push, pull, push-pull, median-counter through a
 * {@link io.hearsay.core.dissemination.DisseminationRule}), eager forwarding, pull replies and
 * anti-entropy, and the tree strategies' routing ({@link io.hearsay.core.rumor.TreeRouting}: children in the
 * d-ary tree of the members ordered by address, rooted at the rumor's origin).
 */
package io.hearsay.core.rumor;
