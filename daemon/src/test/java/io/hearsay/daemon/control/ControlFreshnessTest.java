package io.hearsay.daemon.control;

import org.junit.jupiter.api.Test;

import static io.hearsay.daemon.control.ControlFreshness.Verdict.BUSY;
import static io.hearsay.daemon.control.ControlFreshness.Verdict.FRESH;
import static io.hearsay.daemon.control.ControlFreshness.Verdict.REPLAYED;
import static io.hearsay.daemon.control.ControlFreshness.Verdict.STALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The freshness rule on a clock stepped by hand: time window, remembered ids, bounded memory. */
class ControlFreshnessTest
{
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void shouldRefuseAReplayAtAnyLaterTime()
    {
        final ControlFreshness freshness = new ControlFreshness(30_000, 8);
        assertThat(freshness.admit(42, T0, T0 + 5)).isEqualTo(FRESH);
        // replayed inside the window: the id is remembered, however many other commands came between
        for (int i = 0; i < 7; i++)
        {
            assertThat(freshness.admit(100 + i, T0 + 1_000 + i, T0 + 1_000 + i)).isEqualTo(FRESH);
        }
        assertThat(freshness.admit(42, T0, T0 + 20_000)).isEqualTo(REPLAYED);
        // replayed after the window: its authenticated send time gives it away
        assertThat(freshness.admit(42, T0, T0 + 30_001)).isEqualTo(STALE);
        assertThat(freshness.admit(42, T0, T0 + 86_400_000)).isEqualTo(STALE);
    }

    @Test
    void shouldRefuseCommandsFromTooFarAhead()
    {
        final ControlFreshness freshness = new ControlFreshness(30_000, 8);
        assertThat(freshness.admit(1, T0 + 30_001, T0)).isEqualTo(STALE);
        assertThat(freshness.admit(2, T0 + 29_000, T0)).isEqualTo(FRESH);
    }

    @Test
    void shouldRefuseWhenFullRatherThanForgetAnIdStillInTheWindow()
    {
        final ControlFreshness freshness = new ControlFreshness(30_000, 4);
        for (int i = 0; i < 4; i++)
        {
            assertThat(freshness.admit(i, T0, T0)).isEqualTo(FRESH);
        }
        assertThat(freshness.admit(99, T0 + 10, T0 + 10)).isEqualTo(BUSY);
        assertThat(freshness.admit(0, T0, T0 + 10)).as("still remembered").isEqualTo(REPLAYED);
        assertThat(freshness.remembered()).isEqualTo(4);
        // once their send time leaves the window they are forgotten, and room is made
        assertThat(freshness.admit(99, T0 + 30_001, T0 + 30_001)).isEqualTo(FRESH);
        assertThat(freshness.remembered()).isEqualTo(1);
    }

    @Test
    void shouldRefuseNonsenseSettings()
    {
        assertThatThrownBy(() -> new ControlFreshness(0, 4)).hasMessageContaining("accepted: both > 0");
    }
}
