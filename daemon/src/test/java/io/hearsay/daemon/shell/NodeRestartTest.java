package io.hearsay.daemon.shell;

import io.hearsay.core.MemberStatus;
import io.hearsay.core.dissemination.StrategyKind;
import io.hearsay.daemon.control.ControlClient;
import io.hearsay.records.log.EventLogReader;
import io.hearsay.records.log.LogRecord;
import io.hearsay.wire.sbe.HostedNodeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CRASH with a duration: the node goes down and comes back as a fresh boot (new boot id, empty state, same address),
 * the others remove it and re-admit its new life, and the event log says which life each change is about.
 */
class NodeRestartTest
{
    @TempDir
    Path logs;

    @Test
    void shouldRestartACrashedNodeAsAFreshBootThatTheOthersReadmit() throws Exception
    {
        try (HearsayDaemon daemon = new HearsayDaemon(ShellTestSupport.real(6, StrategyKind.PUSH_PULL)
            .controlPort(0).logDir(logs).statsPeriodNs(100_000_000L)).start();
            ControlClient client = new ControlClient(daemon.controlAddress(), 300, 5))
        {
            await("6 nodes see 6 members", () -> client.status(0, 0).minLiveMembers() == 6);
            final long victim = daemon.node(2).address();
            final long firstBoot = client.report(victim, false, 0, 0).get(0).bootId();

            final ControlClient.Ack crash = client.crashAndRestart(victim, 20_000);
            assertThat(crash.ok()).isTrue();
            assertThat(crash.value()).isEqualTo(1);
            assertThat(client.report(victim, false, 0, 0).get(0).state()).isEqualTo(HostedNodeState.CRASHED);
            await("the others see 5 members", () -> client.status(0, 0).maxLiveMembers() == 5);
            await("the node is back", () -> client.status(0, 0).running() == 6);
            final ControlClient.NodeReport reborn = client.report(victim, false, 0, 0).get(0);
            assertThat(reborn.bootId()).isGreaterThan(firstBoot);
            assertThat(reborn.eventsKnown()).as("a fresh boot starts with empty state").isZero();
            await("every node sees 6 members again", () -> client.status(0, 0).minLiveMembers() == 6);

            final ControlClient.Ack inject = client.inject(victim, 1, "after the restart");
            assertThat(inject.ok()).isTrue();
            await("every node learns the new life's event",
                () -> client.status(victim, inject.value()).knowingEvent() == 6);

            assertThat(client.crashAndRestart(0, 1_000).ok()).as("a restart names one node").isFalse();
            assertThat(client.crashAndRestart(victim, -1).message()).contains("accepted: 0");
        }
        final List<long[]> deaths = new ArrayList<>();
        final List<long[]> returns = new ArrayList<>();
        final long[] statsBoots = new long[2];
        final long victim;
        EventLogReader.read(queueOf(logs), r ->
        {
            if (r.type == LogRecord.MEMBER_CHANGE && r.status == MemberStatus.DEAD)
            {
                deaths.add(new long[]{ r.member, r.memberBootId });
            }
            if (r.type == LogRecord.MEMBER_CHANGE && r.status == MemberStatus.ALIVE)
            {
                returns.add(new long[]{ r.member, r.memberBootId });
            }
            if (r.type == LogRecord.PROCESS_STATS)
            {
                statsBoots[0] = Math.max(statsBoots[0], r.restarts);
                statsBoots[1] = Math.max(statsBoots[1], r.heapUsedBytes);
            }
        });
        assertThat(deaths).as("each of the 5 others recorded the first life's death").hasSizeGreaterThanOrEqualTo(5);
        victim = deaths.get(0)[0];
        final long firstLife = deaths.get(0)[1];
        assertThat(deaths).allSatisfy(d -> assertThat(d).containsExactly(victim, firstLife));
        assertThat(returns.stream().filter(a -> a[0] == victim && a[1] > firstLife).count())
            .as("the 5 others recorded the new life").isGreaterThanOrEqualTo(5);
        assertThat(statsBoots[0]).as("restarts in the process statistics").isEqualTo(1);
        assertThat(statsBoots[1]).as("heap in use").isPositive();
    }

    private static Path queueOf(final Path logs) throws Exception
    {
        try (var list = java.nio.file.Files.list(logs))
        {
            return list.filter(p -> p.getFileName().toString().startsWith("daemon-")).findFirst().orElseThrow();
        }
    }

    private static void await(final String what, final Check check) throws Exception
    {
        final long deadlineNs = System.nanoTime() + 40_000_000_000L;
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
