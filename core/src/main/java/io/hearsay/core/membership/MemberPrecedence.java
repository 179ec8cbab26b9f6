package io.hearsay.core.membership;

import io.hearsay.core.MemberStatus;

/**
 * Which of two claims about one member wins. A larger boot id (a restarted process at the same address) wins and
 * replaces everything known about the earlier one; with equal boot ids a larger incarnation wins; with equal
 * incarnations the more severe status wins: ALIVE &lt; SUSPECT &lt; DEAD &lt; LEFT (so a refutation needs a larger
 * incarnation, as in SWIM).
 */
public final class MemberPrecedence
{
    private MemberPrecedence()
    {
    }

    public static boolean supersedes(
        final long bootId, final long incarnation, final int status,
        final long knownBootId, final long knownIncarnation, final int knownStatus)
    {
        if (bootId != knownBootId)
        {
            return bootId > knownBootId;
        }
        if (incarnation != knownIncarnation)
        {
            return incarnation > knownIncarnation;
        }
        return status > knownStatus;
    }

    public static boolean isLive(final int status)
    {
        return status == MemberStatus.ALIVE.ordinal() || status == MemberStatus.SUSPECT.ordinal();
    }
}
