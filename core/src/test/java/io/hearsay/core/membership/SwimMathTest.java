package io.hearsay.core.membership;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Table tests of the protocol maths (cases as in memberlist util_test.go and suspicion_test.go). */
class SwimMathTest
{
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @ParameterizedTest(name = "mult {0}, n {1} -> {2}")
    @CsvSource({"3,0,1", "3,1,3", "3,9,3", "3,10,6", "3,99,6", "3,100,9", "4,1000,16", "4,999,12", "2,64,4"})
    void shouldGrowTheRetransmitLimitWithLogN(final int mult, final int n, final int expected)
    {
        assertThat(SwimMath.retransmitLimit(mult, n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "push/pull of n {0} every {1} intervals")
    @CsvSource({"0,1", "1,1", "32,1", "33,2", "64,2", "65,3", "128,3", "129,4", "1000,6", "10000,10", "100000,13"})
    void shouldScaleThePushPullPeriodAsMemberlistDoes(final int n, final long multiplier)
    {
        assertThat(SwimMath.pushPullPeriodNs(30 * S, n)).isEqualTo(multiplier * 30 * S);
    }

    @ParameterizedTest(name = "n {0} -> {1} ms")
    @CsvSource({"1,3000", "5,3000", "10,3000", "50,5096", "100,6000", "1000,9000"})
    void shouldScaleTheSuspicionTimeoutWithLogN(final int n, final long expectedMs)
    {
        assertThat(SwimMath.suspicionTimeoutNs(3, n, S) / MS).isEqualTo(expectedMs);
    }

    @ParameterizedTest(name = "{0} of {1} confirmations after {2} ms -> {3} ms left")
    @CsvSource({
        "0,3,0,30000",
        "1,3,2000,14000",
        "2,3,3000,4810",
        "3,3,4000,-2000",
        "4,3,5000,-3000",
        "5,3,10000,-8000",
        "0,0,0,2000"})
    void shouldShortenTheRemainingSuspicionWithConfirmations(
        final int confirmations, final int wanted, final long elapsedMs, final long expectedMs)
    {
        final long remaining = SwimMath.remainingSuspicionNs(confirmations, wanted, elapsedMs * MS, 2 * S, 30 * S);
        assertThat(remaining / MS).isEqualTo(expectedMs);
    }

    @ParameterizedTest(name = "mult {0}, n {1} -> k {2}")
    @CsvSource({"4,2,0", "4,3,0", "4,4,2", "4,100,2", "3,3,1", "6,1000,4", "1,10,0"})
    void shouldWantConfirmationsOnlyWhereEnoughMembersCanGiveThem(final int mult, final int n, final int expected)
    {
        assertThat(SwimMath.suspicionConfirmationsWanted(mult, n)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "score {0} -> x{1}")
    @CsvSource({"0,1", "1,2", "7,8"})
    void shouldScaleTimeoutsByHealthScore(final int score, final int factor)
    {
        assertThat(SwimMath.scaleByAwarenessNs(500 * MS, score)).isEqualTo(500 * MS * factor);
    }

    @ParameterizedTest(name = "deltas {0} -> score {1}")
    @CsvSource({"'1,1,1',3", "'1,-1,-1',0", "'5,5,5',7", "'3,-1',2"})
    void shouldKeepTheAwarenessScoreInRange(final String deltas, final int expected)
    {
        final Awareness awareness = new Awareness(8);
        for (final String delta : deltas.split(","))
        {
            awareness.applyDelta(Integer.parseInt(delta));
        }
        assertThat(awareness.score()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "({0},{1},{2}) over ({3},{4},{5}) -> {6}")
    @CsvSource({
        "1,0,1, 1,0,0, true",
        "1,0,0, 1,0,1, false",
        "1,1,0, 1,0,2, true",
        "1,0,2, 1,0,1, true",
        "1,0,3, 1,0,2, true",
        "1,0,0, 1,0,0, false",
        "2,0,0, 1,9,2, true",
        "1,9,0, 2,0,2, false"})
    void shouldRankClaimsByBootIdThenIncarnationThenStatus(
        final long boot, final long incarnation, final int status,
        final long knownBoot, final long knownIncarnation, final int knownStatus, final boolean expected)
    {
        assertThat(MemberPrecedence.supersedes(boot, incarnation, status, knownBoot, knownIncarnation, knownStatus))
            .isEqualTo(expected);
    }
}
