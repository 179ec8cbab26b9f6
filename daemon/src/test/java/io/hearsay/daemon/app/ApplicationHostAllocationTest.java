package io.hearsay.daemon.app;

import io.hearsay.core.Channel;
import io.hearsay.core.CoreEventSink;
import io.hearsay.core.EventLearned;
import io.hearsay.core.MemberStatus;
import io.hearsay.core.NodeConfig;
import io.hearsay.testing.StandInNode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The duty-cycle side of a host allocates nothing while no application listens (the usual case in experiments). */
class ApplicationHostAllocationTest
{
    private static final int WARMUP = 50_000;
    private static final int MEASURED = 200_000;

    @Test
    void shouldNotAllocateOnTheDutyCycleWithoutListeners()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counters are unavailable");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counters are unavailable");

        final ApplicationDispatcher dispatcher = new ApplicationDispatcher("alloc-apps");
        try (ApplicationHost host = new ApplicationHost(new ApplicationHost.Context().dispatcher(dispatcher)))
        {
            host.start(StandInNode.FLOOD.newNode(NodeConfig.profile(NodeConfig.Profile.LAN).conclude(), 1, 1,
                (to, buffer, offset, length) -> { }, CoreEventSink.NONE, new SplittableRandom(1), 0));
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
            long nowNs = 0;
            for (int i = 0; i < WARMUP; i++)
            {
                nowNs = dutyCycle(host, payload, nowNs, i);
            }
            final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < MEASURED; i++)
            {
                nowNs = dutyCycle(host, payload, nowNs, i);
            }
            final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertThat(allocated).as("bytes allocated by %d duty cycles", MEASURED).isLessThan(1024);
            assertThat(host.counters().dataUnhandled.get()).isEqualTo(WARMUP + MEASURED);
        }
    }

    private static final EventLearned LEARNED = new EventLearned();

    private static long dutyCycle(final ApplicationHost host, final DirectBuffer payload, final long nowNs, final int i)
    {
        host.onEventLearned(LEARNED.set(nowNs, 1, 2, i, 0, 1, 1, 2, Channel.PUSH, payload, 0, 64));
        if ((i & 1023) == 0)
        {
            host.onMemberChange(nowNs, 1, 3, MemberStatus.SUSPECT, i);
        }
        host.onAppData(nowNs, 1, 2, i, false, payload, 0, 64);
        host.doWork(nowNs);
        return nowNs + 1_000;
    }
}
