package io.hearsay.daemon.control;

import io.hearsay.daemon.shell.FloodShell;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.wire.sbe.HostedNodeState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The control port end to end: a daemon on its own thread, driven only through a {@link ControlClient}. */
class ControlPortTest
{
    @Test
    void shouldReportInjectSleepHealAndCrashThroughTheControlPort() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(FloodShell.config(8).controlPort(0)).start();
            ControlClient client = new ControlClient(daemon.controlAddress(), 300, 5))
        {
            awaitTrue("8 nodes see 8 members", () -> client.status(0, 0).minLiveMembers() == 8);
            final ControlClient.Ack inject = client.inject(0, 1, "hello");
            assertThat(inject.ok()).isTrue();
            final long origin = Long.parseLong(inject.message().substring("origin=".length()));
            final long sequence = inject.value();
            awaitTrue("8 nodes know the event", () -> client.status(origin, sequence).knowingEvent() == 8);

            final List<ControlClient.NodeReport> reports = client.report(0, true, origin, sequence);
            assertThat(reports).hasSize(8);
            assertThat(reports).allSatisfy(r ->
            {
                assertThat(r.members()).hasSize(7);
                assertThat(r.knowsEvent()).isTrue();
                assertThat(r.state()).isEqualTo(HostedNodeState.RUNNING);
            });

            final long sleeper = reports.get(3).nodeAddress();
            assertThat(client.sleep(sleeper, 600_000).ok()).isTrue();
            assertThat(client.status(0, 0).running()).isEqualTo(7);
            assertThat(client.report(sleeper, false, 0, 0).get(0).state()).isEqualTo(HostedNodeState.ASLEEP);
            assertThat(client.heal(0).nodes()).isEqualTo(8);
            assertThat(client.status(0, 0).running()).isEqualTo(8);

            assertThat(client.crash(reports.get(5).nodeAddress()).ok()).isTrue();
            assertThat(client.status(0, 0).running()).isEqualTo(7);

            final ControlClient.Ack bad = client.impair(0, "loss p=2");
            assertThat(bad.ok()).isFalse();
            assertThat(bad.message()).contains("IMPAIR column 6: 'p=2'").contains("0..1");
            assertThat(client.impair(0, "loss p=0.5;peers=127.0.0.1:9").ok()).isTrue();
            assertThatThrownBy(() -> client.report(0x7F00_0001_0009L, false, 0, 0)).hasMessageContaining("no hosted node 127.0.0.1:9");

            final ControlClient.Ack tooLong = client.sleep(0, Long.MAX_VALUE / 1000);
            assertThat(tooLong.ok()).as("a sleep whose ns would overflow is refused").isFalse();
            assertThat(tooLong.message()).contains("1..86400000");
            final ControlClient.Ack tooMany = client.inject(0, 2_000_000, "flood");
            assertThat(tooMany.ok()).isFalse();
            assertThat(tooMany.message()).contains("inject count 2000000").contains("1..100000");
        }
    }

    static void awaitTrue(final String what, final Check check) throws Exception
    {
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (!check.get())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    @FunctionalInterface
    interface Check
    {
        boolean get() throws Exception;
    }

}
