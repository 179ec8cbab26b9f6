package io.hearsay.daemon.app;

import io.hearsay.core.Channel;
import io.hearsay.core.GossipNode;
import io.hearsay.core.MemberStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

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
            host.start(new StubNode());
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

    private static long dutyCycle(final ApplicationHost host, final DirectBuffer payload, final long nowNs, final int i)
    {
        host.onEventLearned(nowNs, 1, 2, i, 0, 1, 1, 2, Channel.PUSH, 0, payload, 0, 64);
        if ((i & 1023) == 0)
        {
            host.onMemberChange(nowNs, 1, 3, MemberStatus.SUSPECT, i);
        }
        host.onAppData(nowNs, 1, 2, i, false, payload, 0, 64);
        host.doWork(nowNs);
        return nowNs + 1_000;
    }

    private static final class StubNode implements NodeAccess
    {
        public long selfAddress()
        {
            return 1;
        }

        public int maxEventPayloadBytes()
        {
            return 1024;
        }

        public int maxDataBytes()
        {
            return 1272;
        }

        public long broadcast(final long nowNs, final long createdWallNs, final DirectBuffer p, final int o, final int l)
        {
            return 1;
        }

        public long sendData(final long nowNs, final long to, final DirectBuffer d, final int o, final int l, final long t)
        {
            return 1;
        }

        public void respond(final long nowNs, final long to, final long c, final DirectBuffer d, final int o, final int l)
        {
        }

        public void forEachMember(final GossipNode.MemberVisitor visitor)
        {
        }

        public int liveMemberCount()
        {
            return 3;
        }

        public boolean knowsEvent(final long origin, final long sequence)
        {
            return false;
        }
    }
}
