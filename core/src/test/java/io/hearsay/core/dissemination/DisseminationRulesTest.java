package io.hearsay.core.dissemination;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.hearsay.core.dissemination.DisseminationRule.UNKNOWN;
import static io.hearsay.core.dissemination.RuleState.PHASE_DORMANT;
import static io.hearsay.core.dissemination.RuleState.PHASE_SPREADING;
import static io.hearsay.core.dissemination.RuleState.PHASE_STOPPED_COUNTING;
import static io.hearsay.core.dissemination.RuleState.pack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisseminationRulesTest
{
    @ParameterizedTest(name = "{0}: pushes known={1} pulls unknown={2}")
    @CsvSource({
        "push,      true,  false",
        "pull,      false, true",
        "push-pull, true,  true",
        "median-counter, true, true" })
    void shouldPushAndPullPerStrategy(final String name, final boolean pushesKnown, final boolean pullsUnknown)
    {
        final DisseminationRule rule = DisseminationRules.create(StrategyKind.fromCliName(name));
        final int origin = rule.originState(1000);

        assertThat(rule.kind().cliName()).isEqualTo(name);
        assertThat(origin).isNotEqualTo(UNKNOWN);
        assertThat(rule.pushes(origin)).isEqualTo(pushesKnown);
        assertThat(rule.pulls(UNKNOWN)).isEqualTo(pullsUnknown);
        assertThat(rule.pulls(origin)).isFalse();
        assertThat(rule.pushes(UNKNOWN)).isFalse();
        assertThat(rule.answersPull(UNKNOWN)).isFalse();
        assertThat(rule.answersPull(origin)).isTrue();
        assertThat(rule.isActive(UNKNOWN)).isFalse();
    }

    @ParameterizedTest(name = "N={0}: active rounds {1}")
    @CsvSource({ "1, 4", "2, 4", "4, 4", "10, 8", "1000, 20", "1024, 20", "1025, 22", "10000000, 48" })
    void shouldSpreadForTwiceCeilLog2NRoundsThenGoDormant(final int clusterSize, final int activeRounds)
    {
        final DisseminationRule rule = DisseminationRules.create(StrategyKind.PUSH_PULL);
        int state = rule.learnedState(rule.originState(clusterSize), clusterSize);
        for (int round = 0; round < activeRounds - 1; round++)
        {
            state = rule.onRoundEnd(state, clusterSize);
            assertThat(rule.isActive(state)).as("round %d", round).isTrue();
        }
        state = rule.onRoundEnd(state, clusterSize);

        assertThat(RuleState.phase(state)).isEqualTo(PHASE_DORMANT);
        assertThat(rule.pushes(state)).isFalse();
        assertThat(rule.answersPull(state)).isTrue();
        assertThat(rule.onRoundEnd(state, clusterSize)).isEqualTo(state);
    }

    @Test
    void shouldIgnoreContactsInBoundedSpread()
    {
        final DisseminationRule rule = DisseminationRules.create(StrategyKind.PUSH, 3);
        final int state = pack(PHASE_SPREADING, 0, 5);

        assertThat(rule.onContact(state, pack(PHASE_DORMANT, 0, 0))).isEqualTo(state);
        assertThat(rule.onContact(state, UNKNOWN)).isEqualTo(state);
        assertThat(((BoundedSpreadRule)rule).activeRounds(1 << 20)).isEqualTo(60);
    }

    @ParameterizedTest(name = "N={0}: ctrMax {1}")
    @CsvSource({ "2, 1", "4, 1", "16, 2", "1000, 4", "65536, 4", "65537, 5", "10000000, 5" })
    void shouldScaleCounterMaxWithLogLogN(final int clusterSize, final int counterMax)
    {
        final MedianCounterRule rule = (MedianCounterRule)DisseminationRules.create(StrategyKind.MEDIAN_COUNTER);

        assertThat(rule.counterMax(clusterSize)).isEqualTo(counterMax);
    }

    /** state before, partner states met this round (- for none; U unknown, Bm, C, D), state after the round end */
    @ParameterizedTest(name = "{0} meets [{1}] -> {2}")
    @CsvSource({
        "B1, -,         B1",
        "B1, U,         B1",
        "B1, U U,       B1",
        "B1, B1,        B2",
        "B2, B1,        B2",
        "B2, B2 B3 U,   B3",
        "B2, B2 U U,    B2",
        "B2, B2 B1,     B2",
        "B3, B5 B4 B1,  B4",
        "B7, B7,        C",
        "B1, C,         C",
        "B4, D,         C",
        "B4, B9 C,      C",
        "C,  B1,        C",
        "D,  B1 B1,     D" })
    void shouldAdvanceMedianCounterByMajorityOfPartners(final String before, final String partners, final String after)
    {
        final int clusterSize = 1000; // ctrMax 8 with counter factor 2
        final DisseminationRule rule = DisseminationRules.create(StrategyKind.MEDIAN_COUNTER, 2);
        int state = parse(before);
        if (!"-".equals(partners))
        {
            for (final String partner : partners.trim().split("\\s+"))
            {
                state = rule.onContact(state, parse(partner));
            }
        }
        state = rule.onRoundEnd(state, clusterSize);

        assertThat(RuleState.phase(state)).as(RuleState.toString(state)).isEqualTo(RuleState.phase(parse(after)));
        if (RuleState.phase(state) == PHASE_SPREADING)
        {
            assertThat(RuleState.counter(state)).as(RuleState.toString(state)).isEqualTo(RuleState.counter(parse(after)));
            assertThat(RuleState.tally(state)).isZero();
        }
    }

    @Test
    void shouldLearnIntoBOneFromBAndIntoCFromCOrD()
    {
        final DisseminationRule rule = DisseminationRules.create(StrategyKind.MEDIAN_COUNTER);

        assertThat(rule.originState(100)).isEqualTo(parse("B1"));
        assertThat(rule.learnedState(parse("B5"), 100)).isEqualTo(parse("B1"));
        assertThat(RuleState.phase(rule.learnedState(parse("C"), 100))).isEqualTo(PHASE_STOPPED_COUNTING);
        assertThat(RuleState.phase(rule.learnedState(parse("D"), 100))).isEqualTo(PHASE_STOPPED_COUNTING);
    }

    @Test
    void shouldStayInCForCtrMaxRoundsThenGoSilentButAnswerPulls()
    {
        final int clusterSize = 1000; // ctrMax 8 with counter factor 2
        final DisseminationRule rule = DisseminationRules.create(StrategyKind.MEDIAN_COUNTER, 2);
        int state = parse("C");
        for (int round = 0; round < 7; round++)
        {
            state = rule.onRoundEnd(state, clusterSize);
            assertThat(rule.pushes(state)).isTrue();
        }
        state = rule.onRoundEnd(state, clusterSize);

        assertThat(RuleState.phase(state)).isEqualTo(PHASE_DORMANT);
        assertThat(rule.pushes(state)).isFalse();
        assertThat(rule.isActive(state)).isFalse();
        assertThat(rule.answersPull(state)).isTrue();
    }

    @Test
    void shouldLeaveBAfterSafetyRoundsEvenWithoutMajorities()
    {
        final int clusterSize = 1024; // 4 * 10 safety rounds
        final DisseminationRule rule = DisseminationRules.create(StrategyKind.MEDIAN_COUNTER);
        int state = rule.originState(clusterSize);
        for (int round = 0; round < 39; round++)
        {
            state = rule.onRoundEnd(rule.onContact(state, UNKNOWN), clusterSize);
            assertThat(RuleState.phase(state)).isEqualTo(PHASE_SPREADING);
        }

        assertThat(RuleState.phase(rule.onRoundEnd(state, clusterSize))).isEqualTo(PHASE_STOPPED_COUNTING);
    }

    @Test
    void shouldSaturateTallyAndPackFields()
    {
        int state = pack(PHASE_SPREADING, 70, 5000);
        assertThat(RuleState.counter(state)).isEqualTo(RuleState.MAX_COUNTER);
        assertThat(RuleState.age(state)).isEqualTo(RuleState.MAX_AGE);
        state = RuleState.withTally(state, -5000);
        assertThat(RuleState.tally(state)).isEqualTo(-RuleState.MAX_TALLY);
        state = RuleState.withTally(state, 3);
        assertThat(RuleState.tally(state)).isEqualTo(3);
        assertThat(RuleState.phase(state)).isEqualTo(PHASE_SPREADING);
        assertThat(RuleState.counter(state)).isEqualTo(RuleState.MAX_COUNTER);
    }

    @Test
    void shouldRefuseBadFactors()
    {
        assertThatThrownBy(() -> DisseminationRules.create(StrategyKind.PUSH, 0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> DisseminationRules.create(StrategyKind.MEDIAN_COUNTER, -1)).hasMessageContaining("got -1");
    }

    private static int parse(final String token)
    {
        final String t = token.trim();
        switch (t.charAt(0))
        {
            case 'U':
                return UNKNOWN;
            case 'B':
                return pack(PHASE_SPREADING, Integer.parseInt(t.substring(1)), 0);
            case 'C':
                return pack(PHASE_STOPPED_COUNTING, 0, 0);
            case 'D':
                return pack(PHASE_DORMANT, 0, 0);
            default:
                throw new IllegalArgumentException(t);
        }
    }
}
