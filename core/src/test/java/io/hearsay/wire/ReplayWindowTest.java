package io.hearsay.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayWindowTest
{
    private static final long SENDER = 0x7F00_0001L;

    @Test
    void shouldRefuseAReplayedSequenceAndAcceptReorderingInsideTheWindow()
    {
        final ReplayWindow window = new ReplayWindow(16);

        assertThat(window.onSequence(SENDER, 7, 2010)).isTrue();
        assertThat(window.onSequence(SENDER, 7, 2010)).as("replay").isFalse();
        assertThat(window.onSequence(SENDER, 7, 2014)).isTrue();
        assertThat(window.onSequence(SENDER, 7, 2012)).as("late but inside the window").isTrue();
        assertThat(window.onSequence(SENDER, 7, 2011)).isTrue();
        assertThat(window.onSequence(SENDER, 7, 2012)).as("replay of a reordered one").isFalse();
        assertThat(window.onSequence(SENDER, 7, 2014 - ReplayWindow.WINDOW_SEQUENCES + 1)).isTrue();
        assertThat(window.onSequence(SENDER, 7, 2014 - ReplayWindow.WINDOW_SEQUENCES)).as("older than the window").isFalse();
        assertThat(window.onSequence(SENDER, 7, 0)).isFalse();
    }

    @Test
    void shouldClearTheBitmapOnAJumpAndRefuseWhatFallsOutOfTheWindow()
    {
        final ReplayWindow window = new ReplayWindow(16);
        assertThat(window.onSequence(SENDER, 7, 5)).isTrue();
        assertThat(window.onSequence(SENDER, 7, 5 + ReplayWindow.WINDOW_SEQUENCES)).as("a jump clears the bitmap").isTrue();
        assertThat(window.onSequence(SENDER, 7, 5 + ReplayWindow.WINDOW_SEQUENCES)).isFalse();
        assertThat(window.onSequence(SENDER, 7, 6)).as("never seen, inside the window after the jump").isTrue();
        assertThat(window.onSequence(SENDER, 7, 5)).as("seen, and now older than the window").isFalse();
    }

    @Test
    void shouldKeepOneWindowPerSenderAndPrefix()
    {
        final ReplayWindow window = new ReplayWindow(16);
        assertThat(window.onSequence(SENDER, 7, 100)).isTrue();
        assertThat(window.onSequence(SENDER, 8, 1)).as("a restarted sender (new prefix) starts afresh").isTrue();
        assertThat(window.onSequence(SENDER + 1, 7, 1)).as("another sender").isTrue();
        assertThat(window.onSequence(SENDER, 7, 100)).isFalse();
        assertThat(window.onSequence(SENDER, 8, 1)).isFalse();
    }

    @Test
    void shouldStayBoundedForgettingTheLeastRecentlyUsedSender()
    {
        final ReplayWindow window = new ReplayWindow(4);
        for (long s = 0; s < 1_000; s++)
        {
            assertThat(window.onSequence(s, 1, 1)).isTrue();
        }
        assertThat(window.onSequence(999, 1, 1)).as("a recent sender is remembered").isFalse();
    }
}
