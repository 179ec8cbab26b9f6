package io.hearsay.daemon.shell;

import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;

/**
 * Idle by blocking in the duty cycle's own {@link Selector} until a socket is readable or the agent's next deadline
 * (capped at {@code maxBlockMs}), as an NIO event loop does: an idle daemon costs no CPU, where a backoff strategy
 * wakes a thousand times a second. Many daemons on few cores (the Docker lab: 64 JVMs on 2 cores) need this.
 * Readiness is level-triggered, so the wait only wakes the cycle; the cycle's {@code selectNow} reads the datagrams.
 */
public final class SelectingIdleStrategy implements IdleStrategy
{
    private final Selector selector;
    private final ShellAgent agent;
    private final ShellClock clock;
    private final long maxBlockMs;

    public SelectingIdleStrategy(final Selector selector, final ShellAgent agent, final ShellClock clock, final long maxBlockMs)
    {
        this.selector = selector;
        this.agent = agent;
        this.clock = clock;
        this.maxBlockMs = maxBlockMs;
        agent.receiveInIdle(true);
    }

    /** Milliseconds to block for a deadline {@code untilNs} away: rounded up, at least 1, at most the cap; 0 = due. */
    static long blockMs(final long untilNs, final long maxBlockMs)
    {
        if (untilNs <= 0)
        {
            return 0;
        }
        return Math.min(maxBlockMs, (untilNs + 999_999) / 1_000_000);
    }

    /** Always polls the sockets (the agent's cycle does not); blocks only when nothing is due. */
    public void idle(final int workCount)
    {
        idle();
    }

    public void idle()
    {
        final long ms = blockMs(agent.nextDeadlineNs() - clock.update(), maxBlockMs);
        try
        {
            int ready = ms == 0 ? selector.selectNow(agent) : selector.select(agent, ms);
            for (int round = 1, rounds = agent.maxDatagramsPerPoll(); ready > 0 && round < rounds; round++)
            {
                ready = selector.selectNow(agent);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public void reset()
    {
    }

    public String alias()
    {
        return "select";
    }
}
