package io.hearsay.daemon.shell;

import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The duty cycle's clock against a fresh read: a stalled cycle must not date the clock-offset stamp. */
class ShellClockTest
{
    private long monoNs = 1_000_000_000L;

    @Test
    void shouldStampTheOffsetExchangeWithTheClockNowNotTheCyclesStart()
    {
        final NanoClock nano = () -> monoNs;
        final ShellClock clock = new ShellClock(nano);
        final long cycleWallNs = clock.wallNs();

        monoNs += 3_800_000; // the cycle's thread was descheduled 3.8 ms after it read the clock

        assertThat(clock.wallNs()).as("the cycle's time: unchanged until the next cycle").isEqualTo(cycleWallNs);
        assertThat(clock.freshWallNs() - cycleWallNs).isEqualTo(3_800_000);
        clock.update();
        assertThat(clock.wallNs()).isEqualTo(clock.freshWallNs());
    }
}
