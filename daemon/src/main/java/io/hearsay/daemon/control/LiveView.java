package io.hearsay.daemon.control;

import io.hearsay.core.membership.ViewDigest;

/**
 * One node's view of the others as the live report summarises it: the core's {@link ViewDigest} ({@value #BUCKETS}
 * buckets by a hash of the member address, each with an order-independent digest of its entries and an entry count,
 * plus the members by status). A daemon fills it from the node's own digest, which its member table keeps up to date
 * ({@link io.hearsay.core.Node#copyViewDigest}: O(buckets), no walk of the table); the master computes the same digests
 * over what it holds, so it asks a node only for the buckets whose digest changed. Reusable, no allocation.
 */
public final class LiveView extends ViewDigest
{
}
