package io.hearsay.daemon.control;

import io.hearsay.core.NodeConfig;
import io.hearsay.daemon.shell.HearsayDaemon;
import io.hearsay.daemon.shell.ShellConfig;
import org.junit.jupiter.api.Test;

import static io.hearsay.daemon.control.ControlPortTest.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daemon of real cores idling in its selector ({@code --idle select}, the daemon's default): timers still fire
 * (membership forms, rounds run), a datagram wakes it (an event spreads), and so does a control request, also
 * while a node sleeps. On its own thread, driven only through the control port.
 */
class SelectingDaemonTest
{
    @Test
    void shouldFormSpreadAndAnswerWhileBlockingInItsSelector() throws Exception
    {
        final ShellConfig config = new ShellConfig().port(0).nodes(16).seed(11).controlPort(0).idleStrategy("select:200")
            .nodeConfig(NodeConfig.profile(NodeConfig.Profile.LOCAL).gossipPeriodNs(50_000_000L)
                .probePeriodNs(200_000_000L).probeTimeoutNs(100_000_000L));
        try (HearsayDaemon daemon = new HearsayDaemon(config.conclude()).start();
            ControlClient client = new ControlClient(daemon.controlAddress(), 300, 5))
        {
            awaitTrue("16 nodes see 16 members", () -> client.status(0, 0).minLiveMembers() == 16);
            final ControlClient.Ack inject = client.inject(0, 1, "wake");
            assertThat(inject.ok()).isTrue();
            final long origin = Long.parseLong(inject.message().substring("origin=".length()));
            awaitTrue("16 nodes know the event", () -> client.status(origin, inject.value()).knowingEvent() == 16);

            final long sleeper = client.report(0, false, 0, 0).get(4).nodeAddress();
            assertThat(client.sleep(sleeper, 2_000).ok()).isTrue();
            assertThat(client.status(0, 0).nodes()).as("answered while a node sleeps").isEqualTo(16);
        }
    }
}
