package io.hearsay.spi;

/**
 * One member as this node sees it.
 *
 * @param address     packed {@code ipv4 << 16 | port}
 * @param addressText {@code a.b.c.d:port}
 * @param status      alive, suspect, dead or left
 * @param incarnation the member's incarnation number (refutations raise it)
 */
public record Member(long address, String addressText, MemberStatus status, long incarnation)
{
}
