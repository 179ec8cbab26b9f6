package io.hearsay.core.direct;

import io.hearsay.core.direct.DirectSchedule.Decision;
import io.hearsay.core.direct.DirectSchedule.RoundKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectScheduleTest
{
    @ParameterizedTest(name = "N = 2^{0}: growth {1}, phases {2}, structure rounds {3}")
    @CsvSource({
        "4, 3, 0, 10", "10, 3, 2, 18", "12, 4, 2, 19", "16, 4, 2, 19", "20, 4, 2, 19", "24, 4, 2, 19",
        "30, 5, 2, 20", "32, 5, 2, 20", "34, 5, 3, 24", "64, 5, 3, 24" })
    void shouldPlanFromNAlone(final int log2N, final int growth, final int phases, final int structureRounds)
    {
        final DirectSchedule schedule = DirectSchedule.of(Math.pow(2, log2N));
        assertThat(schedule.growthRounds()).isEqualTo(growth);
        assertThat(schedule.mergePhases()).isEqualTo(phases);
        assertThat(schedule.structureRounds()).isEqualTo(structureRounds);
        assertThat(schedule.leaderProbability()).isEqualTo(1.0 / log2N);
    }

    @Test
    void shouldAddAtMostOneMergePhasePerSquaringOfNUpTo2To64()
    {
        // below 2^6 the plan has no merge phase at all (fewer than 16 groups: straight to the final merge)
        for (double log2N = 6; log2N <= 32; log2N += 0.125)
        {
            final int phases = DirectSchedule.of(Math.pow(2, log2N)).mergePhases();
            final int squared = DirectSchedule.of(Math.pow(2, 2 * log2N)).mergePhases();
            assertThat(squared).as("phases at 2^%s vs 2^%s", 2 * log2N, log2N).isBetween(phases, phases + 1);
        }
    }

    @Test
    void shouldBoundStructureRoundsByABPlusLogLogN()
    {
        for (double log2N = 4; log2N <= 64; log2N += 0.125)
        {
            final DirectSchedule schedule = DirectSchedule.of(Math.pow(2, log2N));
            final double bound = DirectSchedule.BOUND_A + DirectSchedule.BOUND_B * Math.log(log2N) / Math.log(2);
            assertThat((double)schedule.structureRounds()).as("structure rounds at 2^%s", log2N).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void shouldSquareTheExpectedSizeWhileManyGroupsAreActive()
    {
        for (int log2N = 12; log2N <= 64; log2N += 2)
        {
            final DirectSchedule schedule = DirectSchedule.of(Math.pow(2, log2N));
            for (int k = 0; k + 1 < schedule.mergePhases(); k++)
            {
                final double s = schedule.expectedSize(k);
                final double activeGroups = schedule.nodes() / s * schedule.activity(k);
                if (activeGroups >= 30)
                {
                    assertThat(Math.log(schedule.expectedSize(k + 1)) / Math.log(s))
                        .as("log s(k+1) / log s(k) at 2^%d phase %d", log2N, k).isGreaterThanOrEqualTo(1.8);
                }
            }
        }
    }

    @Test
    void shouldHoldSplitGroupsInsideLowerToTwiceLower()
    {
        for (long lower = 2; lower <= 40; lower++)
        {
            for (long size = 2 * lower; size <= 12 * lower; size++)
            {
                final int chunks = DirectSchedule.chunks(size, lower);
                final long[] members = new long[chunks];
                int previous = 0;
                for (long rank = 0; rank < size; rank++)
                {
                    final int chunk = DirectSchedule.chunkOf(rank, size, lower);
                    assertThat(chunk).isBetween(previous, previous + 1);
                    if (chunk != previous || rank == 0)
                    {
                        assertThat(DirectSchedule.chunkHead(chunk, size, lower)).as("head of chunk %d", chunk).isEqualTo(rank);
                    }
                    previous = chunk;
                    members[chunk]++;
                }
                assertThat(DirectSchedule.chunkOf(0, size, lower)).isZero();
                for (final long m : members)
                {
                    assertThat(m).as("chunk of a group of %d, lower %d", size, lower).isBetween(lower, 2 * lower - 1);
                }
            }
        }
    }

    @ParameterizedTest(name = "active {0} hit {1} size {2} in [{3}, {4}) -> {5}")
    @CsvSource({
        "false, true, 1, 10, 20, MOVE", "false, true, 500, 10, 20, MOVE", "false, false, 15, 10, 20, DISSOLVE",
        "true, false, 9, 10, 20, DISSOLVE", "true, true, 10, 10, 20, STAY", "true, false, 19, 10, 20, STAY",
        "true, false, 20, 10, 20, SPLIT", "true, false, 5000, 10, 9223372036854775807, STAY" })
    void shouldDecideByActivityHitAndSize(
        final boolean active, final boolean hit, final long size, final long lower, final long splitAt, final Decision expected)
    {
        assertThat(DirectSchedule.decide(active, hit, size, lower, splitAt)).isEqualTo(expected);
    }

    @Test
    void shouldLayRoundsOutInOrder()
    {
        final DirectSchedule schedule = DirectSchedule.of(1 << 16);
        final List<RoundKind> kinds = new ArrayList<>();
        for (int r = 1; r <= schedule.structureRounds() + 1; r++)
        {
            kinds.add(schedule.kindOf(r));
        }
        assertThat(kinds).containsExactly(
            RoundKind.GROWTH, RoundKind.GROWTH, RoundKind.GROWTH, RoundKind.GROWTH, RoundKind.COUNT, RoundKind.DECIDE,
            RoundKind.SAMPLE, RoundKind.SAMPLE, RoundKind.COUNT, RoundKind.DECIDE,
            RoundKind.SAMPLE, RoundKind.SAMPLE, RoundKind.COUNT, RoundKind.DECIDE,
            RoundKind.COUNT, RoundKind.DECIDE, RoundKind.FINAL_SAMPLE, RoundKind.FINAL_SAMPLE, RoundKind.FINAL_REPORT,
            RoundKind.DELIVERY);
        assertThat(schedule.phaseOf(4)).isEqualTo(-1);
        assertThat(schedule.phaseOf(7)).isZero();
        assertThat(schedule.phaseOf(11)).isEqualTo(1);
        assertThat(schedule.phaseOf(15)).isEqualTo(2);
        assertThat(schedule.splitAt(0)).isEqualTo(2 * schedule.lowerBound(0));
        assertThat(schedule.splitAt(2)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> schedule.kindOf(0)).hasMessageContaining("rounds count from 1");
        assertThatThrownBy(() -> DirectSchedule.of(1)).hasMessageContaining("nodes must be >= 2, got 1.0");
    }

    @Test
    void shouldSquareTheUnclusteredFractionPerRecruitmentRound()
    {
        assertThat(DirectSchedule.unclusteredAfter(0.1, 0)).isEqualTo(0.1);
        assertThat(DirectSchedule.unclusteredAfter(0.1, 1)).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(DirectSchedule.unclusteredAfter(0.1, 3)).isCloseTo(1e-8, org.assertj.core.data.Offset.offset(1e-15));
    }
}
