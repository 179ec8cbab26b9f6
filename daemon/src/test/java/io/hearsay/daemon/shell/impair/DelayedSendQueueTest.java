package io.hearsay.daemon.shell.impair;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The delay queue stepped by hand: no sockets, no real clock. */
class DelayedSendQueueTest
{
    private static final long PEER = 0x7F00_0001_1F90L;

    @Test
    void shouldReleaseDelayedDatagramsInDueOrderAndLetReorderedOnesBeOvertaken()
    {
        final DelayedSendQueue queue = new DelayedSendQueue(16, 64);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        for (int i = 0; i < 5; i++)
        {
            buffer.putInt(0, i);
            // datagram 1 is held back 30 more (reordered); the others leave in order
            queue.offer(i == 1 ? 40 + i : 10 + i, 0, PEER, buffer, 0, 4);
        }
        final List<Integer> released = new ArrayList<>();
        assertThat(queue.drain(9, (n, to, b, o, l) -> released.add(b.getInt(o)))).isZero();
        assertThat(queue.drain(20, (n, to, b, o, l) -> released.add(b.getInt(o)))).isEqualTo(4);
        assertThat(queue.drain(41, (n, to, b, o, l) -> released.add(b.getInt(o)))).isEqualTo(1);
        assertThat(released).containsExactly(0, 2, 3, 4, 1);
    }

    @Test
    void shouldCountOverflowOfTheDelayQueue()
    {
        final DelayedSendQueue queue = new DelayedSendQueue(2, 64);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        assertThat(queue.offer(1, 0, PEER, buffer, 0, 8)).isTrue();
        assertThat(queue.offer(1, 0, PEER, buffer, 0, 8)).isTrue();
        assertThat(queue.offer(1, 0, PEER, buffer, 0, 8)).isFalse();
        assertThat(queue.overflows()).isEqualTo(1);
        queue.discardNode(0);
        assertThat(queue.size()).isZero();
    }
}
