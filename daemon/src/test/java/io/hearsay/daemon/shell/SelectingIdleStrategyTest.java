package io.hearsay.daemon.shell;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectingIdleStrategyTest
{
    @ParameterizedTest(name = "{0} ns away, cap {1} ms -> block {2} ms")
    @CsvSource({"-5,100,0", "0,100,0", "1,100,1", "999999,100,1", "1000000,100,1", "1000001,100,2",
        "250000000,100,100", "250000000,500,250"})
    void shouldBlockUntilTheDeadlineRoundedUpAndCapped(final long untilNs, final long capMs, final long expectedMs)
    {
        assertThat(SelectingIdleStrategy.blockMs(untilNs, capMs)).isEqualTo(expectedMs);
    }

    @Test
    void shouldAcceptSelectByNameAndRefuseABadCap()
    {
        final long[] cap = new long[1];
        IdleStrategies.parse("select:250", ms ->
        {
            cap[0] = ms;
            return new org.agrona.concurrent.NoOpIdleStrategy();
        });
        assertThat(cap[0]).isEqualTo(250);
        IdleStrategies.parse("select", ms ->
        {
            cap[0] = ms;
            return new org.agrona.concurrent.NoOpIdleStrategy();
        });
        assertThat(cap[0]).isEqualTo(IdleStrategies.DEFAULT_MAX_BLOCK_MS);
        assertThatThrownBy(() -> IdleStrategies.parse("select:0")).hasMessageContaining("select:MAX_BLOCK_MS");
    }
}
