package io.hearsay.master.fault;

import io.hearsay.core.impair.DelayDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KernelFaultScriptsTest
{
    @Test
    void shouldDropArrivingGossipWithTheGivenProbabilityInItsOwnTable()
    {
        final String script = KernelFaultScripts.loss(List.of(7946, 7947), 0.2);

        assertThat(script).startsWith("add table inet hearsay_loss\ndelete table inet hearsay_loss\n")
            .contains("type filter hook input priority filter")
            .contains("udp dport { 7946, 7947 } numgen random mod 1000000 < 200000 counter drop");
    }

    @Test
    void shouldCutOnlyTheGossipPortsFromThePeersOfTheOtherGroup()
    {
        final String script = KernelFaultScripts.blockFrom(List.of("10.213.0.10", "10.213.0.11"), List.of(7946));

        assertThat(script).contains("ip saddr { 10.213.0.10, 10.213.0.11 } udp dport 7946 counter drop")
            .contains("table inet hearsay_partition");
    }

    @Test
    void shouldHealEveryTableEvenWhenMissing()
    {
        assertThat(KernelFaultScripts.healNft()).contains("add table inet hearsay_loss\ndelete table inet hearsay_loss")
            .contains("add table inet hearsay_partition\ndelete table inet hearsay_partition");
    }

    @Test
    void shouldShapeWithTbfAndAskNetemForDelay()
    {
        assertThat(KernelFaultScripts.bandwidth("eth0", 1000)).containsSequence("tbf", "rate", "1000kbit");
        assertThat(KernelFaultScripts.netemDelay("eth0", 20, 5)).containsSequence("netem", "delay", "20ms", "5ms");
        assertThat(KernelFaultScripts.netemProbability("eth0", "duplicate", 0.01)).containsSequence("duplicate", "1.0000%");
    }

    @Test
    void shouldSpeakTheDaemonsImpairmentSyntaxAndChunkPeerLists()
    {
        final NodeSelector selector = new NodeSelector(NodeSelectorTest.plan(4, 1), 1);

        assertThat(DaemonFaults.impairmentSpec(FaultAction.loss(FaultLayer.DAEMON, selector.select("all"), 0.2)))
            .isEqualTo("loss p=0.2");
        assertThat(DaemonFaults.impairmentSpec(FaultAction.delay(null, selector.select("all"), DelayDistribution.parse("normal:20ms,5ms", 0))))
            .isEqualTo("delay dist=normal:20ms,5ms");
        final List<String> peers = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            peers.add("10.213.0." + (i % 250) + ":7946");
        }
        final List<String> chunks = DaemonFaults.chunks(peers);
        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(DaemonFaults.MAX_ARGUMENT));
        assertThat(String.join(",", chunks).split(",")).hasSize(200);
    }
}
