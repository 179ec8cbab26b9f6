package io.hearsay.core.membership;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateQueueTest
{
    private final UpdateQueue queue = new UpdateQueue();
    private final int[] chosen = new int[16];

    @Test
    void shouldRetireAnUpdateAfterTheTransmitLimit()
    {
        queue.enqueue(1, 1, 0, 0, 9);
        for (int i = 0; i < 3; i++)
        {
            assertThat(queue.select(10, 3, -1, chosen)).isEqualTo(1);
            queue.onSent(chosen, 1, 3);
        }
        assertThat(queue.size()).isZero();
        assertThat(queue.select(10, 3, -1, chosen)).isZero();
    }

    @Test
    void shouldPickTheLeastSentFirst()
    {
        queue.enqueue(1, 1, 0, 0, 9);
        queue.enqueue(2, 1, 0, 0, 9);
        assertThat(queue.select(1, 5, -1, chosen)).isEqualTo(1);
        queue.onSent(chosen, 1, 5);
        queue.enqueue(3, 1, 0, 0, 9);
        final int count = queue.select(2, 5, -1, chosen);
        assertThat(count).isEqualTo(2);
        assertThat(queue.address(chosen[0])).isEqualTo(2);
        assertThat(queue.address(chosen[1])).isEqualTo(3);
    }

    @Test
    void shouldReplaceAnOlderUpdateAboutTheSameMemberAndResetItsCount()
    {
        queue.enqueue(1, 1, 0, 0, 9);
        queue.select(1, 4, -1, chosen);
        queue.onSent(chosen, 1, 4);
        queue.enqueue(1, 1, 1, 1, 8);
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.incarnation(0)).isEqualTo(1);
        assertThat(queue.status(0)).isEqualTo(1);
        assertThat(queue.transmits(0)).isZero();
    }

    @Test
    void shouldNotSendTheAddresseeItsOwnQueuedUpdate()
    {
        queue.enqueue(1, 1, 0, 0, 9);
        assertThat(queue.select(4, 4, 1, chosen)).isZero();
    }
}
