package io.hearsay.sim.scenario;

import io.hearsay.core.impair.DelayDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTest
{
    @Test
    void shouldCompileTheFaultGrammarInTimeOrder()
    {
        final Scenario scenario = Scenario.parse(String.join("\n",
            "# a partition that heals",
            "at 1s heal   # comment",
            "at 200ms partition groups=n0-n49/rest",
            "",
            "at 300ms crash nodes=n7-n9",
            "at 300ms sleep nodes=n10 for=2s",
            "at 0s delay dist=lognormal:10ms,0.5 jitter=1ms",
            "at 0s loss ge=0.01:0.3:0.8:0",
            "at 0s loss p=0.5 nodes=3",
            "at 0s loss p=0.2 nodes=n4,n6 side=out layer=daemon"), 100);

        assertThat(scenario.groups()).containsExactly("n0-n49", "rest of n0-n49/rest");
        assertThat(scenario.actions()).extracting(ScenarioAction::fault).containsExactly(
            Fault.LATENCY, Fault.LOSS_GE, Fault.DROP_IN, Fault.DROP_OUT, Fault.DROP_OUT, Fault.GROUP, Fault.GROUP,
            Fault.PARTITION, Fault.CRASH, Fault.SLEEP, Fault.HEAL);
        assertThat(scenario.actions().get(0).latency()).isEqualTo(DelayDistribution.parseWithJitter("lognormal:10ms,0.5;jitter=1ms"));
        // Gilbert-Elliott kept in the simulator's order: P(good to bad), P(bad to good), loss in good, loss in bad
        assertThat(scenario.actions().get(1).p()).containsExactly(0.01, 0.3, 0.0, 0.8);
        assertThat(scenario.actions().get(6).firstNode()).isEqualTo(50);
        assertThat(scenario.actions().get(6).lastNode()).isEqualTo(99);
        final ScenarioAction crash = scenario.actions().get(8);
        assertThat(crash.line()).isEqualTo(5);
        assertThat(crash.atNs()).isEqualTo(300_000_000L);
        assertThat(crash.firstNode()).isEqualTo(7);
        assertThat(crash.lastNode()).isEqualTo(9);
        assertThat(scenario.actions().get(9).durationNs()).isEqualTo(2_000_000_000L);
    }

    @Test
    void shouldHealTheGroupsOfAnEarlierPartitionAsWritten()
    {
        final Scenario scenario = Scenario.parse("at 0s partition groups=half/rest one-way\nat 1s heal groups=half/rest", 10);
        assertThat(scenario.actions()).extracting(ScenarioAction::fault)
            .containsExactly(Fault.GROUP, Fault.GROUP, Fault.PARTITION_ONEWAY, Fault.HEAL);
        assertThat(scenario.actions().get(3).groupB()).isEqualTo("rest of half/rest");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "at 1s crsh nodes=5               | scenario line 2, column 7: 'crsh': unknown fault; accepted: loss, delay",
        "at 1s loss p=-0.1                | scenario line 2, column 12: 'p=-0.1': -0.1 is out of range",
        "at 1s crash nodes=100            | scenario line 2, column 13: 'nodes=100': nodes '100' out of range; accepted: n0..n99",
        "at 1s sleep nodes=n5-n200 for=1s | nodes 'n5-n200' out of range",
        "at 1s crash nodes=c3             | 'c3' is not a simulated node; accepted: all, half, nI, nI-nJ",
        "at -1s crash nodes=5             | this time is before the start",
        "at 1s delay dist=uniform:5ms,1ms | max 1ms < min 5ms",
        "at 1s heal groups=a/b            | no partition before this line named the group 'a'",
        "at 1s loss                       | missing p or ge",
        "at 1s bandwidth kbit=100         | column 7: 'at 1s bandwidth kbit=100': the simulator cannot make bandwidth",
        "at 1s kill nodes=n1              | the simulator cannot make kill",
        "at 21:30 crash nodes=n1          | a wall-clock time has no meaning in virtual time",
        "at 1s delay dist=5ms nodes=n1    | column 22: 'nodes=n1': the simulator's delay acts on every link",
        "at 1s partition groups=all/rest  | rest names no node",
        "seed 4                           | scenario line 2, column 1: 'seed 4': the simulator's seed is its --seed option",
        "at 1s loss 0.1                   | column 12: '0.1': unknown key '0.1'; accepted: loss p=P" })
    void shouldRefuseABadLineNamingLineColumnAndValue(final String line, final String message)
    {
        assertThatThrownBy(() -> Scenario.parse("# header\n" + line, 100))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message.trim());
    }
}
