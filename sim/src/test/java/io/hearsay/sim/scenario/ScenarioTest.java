package io.hearsay.sim.scenario;

import io.hearsay.sim.engine.SimRandom;
import io.hearsay.sim.network.LatencyDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTest
{
    @Test
    void shouldParseATimelineInTimeOrder()
    {
        final Scenario scenario = Scenario.parse(String.join("\n",
            "# a partition that heals",
            "at 0s group A 0-49",
            "0s group B 50-99",
            "at 1s heal all   # comment",
            "at 200ms partition A B",
            "",
            "at 300ms crash 7-9",
            "at 300ms sleep 10 2s",
            "at 0s latency lognormal:10ms,0.5;jitter=1ms",
            "at 0s loss-ge 0.01 0.3 0 0.8",
            "at 0s drop-in 3 0.5"), 100);

        assertThat(scenario.groups()).containsExactly("A", "B");
        assertThat(scenario.actions()).extracting(ScenarioAction::fault).containsExactly(
            Fault.GROUP, Fault.GROUP, Fault.LATENCY, Fault.LOSS_GE, Fault.DROP_IN, Fault.PARTITION, Fault.CRASH, Fault.SLEEP,
            Fault.HEAL);
        final ScenarioAction crash = scenario.actions().get(6);
        assertThat(crash.line()).isEqualTo(7);
        assertThat(crash.atNs()).isEqualTo(300_000_000L);
        assertThat(crash.firstNode()).isEqualTo(7);
        assertThat(crash.lastNode()).isEqualTo(9);
        assertThat(scenario.actions().get(7).durationNs()).isEqualTo(2_000_000_000L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "at 1s crsh 5                | scenario line 2 'at 1s crsh 5': unknown fault 'crsh'",
        "at 1s loss -0.1             | scenario line 2 'at 1s loss -0.1': probability -0.1 is out of range",
        "at 1s crash 100             | scenario line 2 'at 1s crash 100': node id 100 out of range; accepted: 0..99",
        "at 1s sleep 5-200 1s        | node id 5-200 out of range",
        "at -1s crash 5              | bad duration '-1s'",
        "at 1s latency uniform:5ms,1ms | max 1ms < min 5ms",
        "at 1s latency pareto:1ms,0  | shape must be > 0, got 0",
        "at 1s partition A Z         | unknown group 'A'",
        "at 1s loss                  | loss takes 1 argument(s)" })
    void shouldRefuseABadLineNamingLineAndValue(final String line, final String message)
    {
        assertThatThrownBy(() -> Scenario.parse("# header\n" + line, 100))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(message.trim());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "normal:10ms,-2ms | bad duration '-2ms'",
        "lognormal:10ms,-1 | sigma must be >= 0, got -1",
        "gamma:1ms | unknown distribution 'gamma'",
        "constant:5 | bad duration '5'",
        "constant:5ms;spread=1ms | unknown option 'spread=1ms'" })
    void shouldRefuseImpossibleLatencies(final String spec, final String message)
    {
        assertThatThrownBy(() -> LatencyDistribution.parse(spec)).hasMessageContaining(message.trim());
    }

    @ParameterizedTest(name = "{0} in [{1}, {2}] ms")
    @CsvSource(delimiter = '|', value = {
        "constant:5ms | 5 | 5",
        "uniform:1ms;jitter=1ms | 1 | 1",
        "uniform:1ms,10ms | 1 | 10",
        "uniform:1ms,10ms;jitter=2ms | 1 | 12",
        "normal:10ms,2ms | 0 | 1000",
        "lognormal:10ms,0.5 | 0 | 100000",
        "pareto:5ms,2.5 | 5 | 3600000" })
    void shouldDrawLatenciesInRange(final String spec, final double minMs, final double maxMs)
    {
        if (spec.startsWith("uniform:1ms;"))
        {
            assertThatThrownBy(() -> LatencyDistribution.parse(spec)).hasMessageContaining("expected 2 parameter(s)");
            return;
        }
        final LatencyDistribution latency = LatencyDistribution.parse(spec);
        final SimRandom random = new SimRandom(1);
        double sum = 0;
        for (int i = 0; i < 10_000; i++)
        {
            final long ns = latency.sampleNs(random);
            assertThat(ns / 1e6).isBetween(minMs, maxMs);
            sum += ns;
        }
        if (spec.startsWith("normal"))
        {
            assertThat(sum / 10_000 / 1e6).isCloseTo(10, org.assertj.core.data.Offset.offset(0.2));
        }
    }
}
