package io.hearsay.spi;

/** Called on the application thread when a member's status changes in this node's view. */
@FunctionalInterface
public interface MembershipListener
{
    void onMemberChange(Member member);
}
