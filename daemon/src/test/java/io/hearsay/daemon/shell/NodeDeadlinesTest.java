package io.hearsay.daemon.shell;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class NodeDeadlinesTest
{
    @Test
    void shouldAlwaysNameTheEarliestOfWhatWasScheduledReKeyedAndRemoved()
    {
        final int nodes = 200;
        final NodeDeadlines deadlines = new NodeDeadlines(nodes);
        final long[] expected = new long[nodes];
        final boolean[] scheduledNow = new boolean[nodes];
        final SplittableRandom random = new SplittableRandom(20_261_206L);
        for (int step = 0; step < 20_000; step++)
        {
            final int node = random.nextInt(nodes);
            if (random.nextInt(10) == 0)
            {
                deadlines.remove(node);
                scheduledNow[node] = false;
            }
            else
            {
                // around a base near overflow: deadlines compare by difference, not by value
                final long deadline = Long.MAX_VALUE - 1_000_000 + random.nextLong(2_000_000);
                deadlines.update(node, deadline);
                expected[node] = deadline;
                scheduledNow[node] = true;
            }
            int earliest = -1;
            int scheduled = 0;
            for (int i = 0; i < nodes; i++)
            {
                if (scheduledNow[i])
                {
                    scheduled++;
                    if (earliest < 0 || expected[i] - expected[earliest] < 0)
                    {
                        earliest = i;
                    }
                }
                assertThat(deadlines.contains(i)).isEqualTo(scheduledNow[i]);
            }
            assertThat(deadlines.size()).isEqualTo(scheduled);
            if (scheduled > 0)
            {
                assertThat(deadlines.earliestNs()).isEqualTo(expected[earliest]);
                assertThat(deadlines.deadlineNs(deadlines.earliestNode())).isEqualTo(expected[earliest]);
            }
            else
            {
                assertThat(deadlines.earliestNs()).isEqualTo(Long.MAX_VALUE);
            }
        }
    }
}
