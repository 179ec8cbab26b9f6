package io.hearsay.core;

/**
 * Why the core refused a datagram's content or a claim after the wire accepted it (hostile or damaged input, or a
 * bound reached); append only (the order is the counters' index). Counted in {@link NodeCounters#refusals}.
 */
public enum Refusal
{
    /** a new rumor arrived or was broadcast while the rumor store held {@code maxRetainedRumors} */
    RUMOR_STORE_FULL,
    /** the envelope's sender is not the datagram's source address */
    SENDER_MISMATCH,
    /** content from a sender not yet verified by a probe at its source address (only probes are answered, bare) */
    UNVERIFIED_SENDER,
    /** no room to verify another new sender this period */
    VERIFICATION_FULL,
    /** a new member beyond the table's growth bound for this period */
    MEMBER_GROWTH,
    /** a new member beyond {@code maxMembers} */
    MEMBER_TABLE_FULL,
    /** a third party claimed a larger boot id for a member (only its own envelope may raise it) */
    BOOT_ID_CLAIM,
    /** an incarnation far ahead of what this node has seen of the member */
    INCARNATION_AHEAD,
    /** a datagram from an earlier boot of a member that has restarted */
    STALE_BOOT,
    /** a datagram whose envelope sequence was already seen or fell behind the replay window */
    REPLAYED,
    /** a direct-addressing message with a claim out of bounds: a plan or group size beyond the member bound, a round
     *  beyond the plan, a leader or root that is no member, an unknown decision */
    DIRECT_CLAIM;

    private static final Refusal[] VALUES = values();

    public static Refusal fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** lower-case name for reports and metrics, e.g. {@code rumor_store_full} */
    public String metricName()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
