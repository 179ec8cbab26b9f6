package io.hearsay.master.experiment;

import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterSpec;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.KernelUdpCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UdpCountersRecordingTest
{
    private static final String SNMP = """
        Ip: Forwarding DefaultTTL InReceives
        Ip: 1 64 1000
        Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
        Udp: 18248351 28965 720624 19164642 720600 3 0 0 0
        UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors
        UdpLite: 0 0 0 0 0 0 0 0 0
        """;

    @Test
    void shouldReadTheUdpLineOfProcNetSnmpAndNotUdpLite()
    {
        final Map<String, Long> udp = KernelUdpCounters.parse(SNMP, "c1");

        assertThat(udp).containsEntry("InDatagrams", 18_248_351L).containsEntry("RcvbufErrors", 720_600L)
            .containsEntry("InErrors", 720_624L).containsEntry("SndbufErrors", 3L);
        assertThat(udp.keySet()).containsExactlyElementsOf(KernelUdpCounters.FIELDS);
    }

    @Test
    void shouldNameTheContainerWhenTheCountersCannotBeRead()
    {
        assertThatThrownBy(() -> KernelUdpCounters.parse("Ip: a\nIp: 1\n", "hearsay-exp-c007"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hearsay-exp-c007").hasMessageContaining("Udp:");
        assertThatThrownBy(() -> KernelUdpCounters.parse("Udp: InDatagrams RcvbufErrors\nUdp: 5 x\n", "c2"))
            .hasMessage("c2: Udp RcvbufErrors is 'x', not a number");
        assertThatThrownBy(() -> KernelUdpCounters.parse("Udp: InDatagrams RcvbufErrors\nUdp: 5\n", "c3"))
            .hasMessageContaining("2 names but 1 values");
    }

    @Test
    void shouldWriteBeforeAndAfterRowsPerContainerAndSumTheReceiveBufferDrops(@TempDir final Path tmp)
    {
        final ClusterSpec spec = new ClusterSpec();
        spec.nodes = 6;
        spec.perContainer = 3;
        spec.seed = 1;
        final ClusterPlan plan = new ClusterPlan(spec.conclude());
        final ClusterState state = new ClusterState(tmp, plan);
        final String c0 = plan.slots().get(0).name();
        final String c1 = plan.slots().get(1).name();
        final Map<String, Map<String, Long>> before = Map.of(
            c0, Map.of("InDatagrams", 100L, "RcvbufErrors", 0L),
            c1, Map.of("InDatagrams", 200L, "RcvbufErrors", 7L));
        final Map<String, Map<String, Long>> after = Map.of(
            c0, Map.of("InDatagrams", 150L, "RcvbufErrors", 4L),
            c1, Map.of("InDatagrams", 900L, "RcvbufErrors", 57L));
        final StringBuilder csv = new StringBuilder(ExperimentRunner.udpHeader());

        final long drops = ExperimentRunner.udpRows(csv, 2, state, 4, before, after);

        assertThat(drops).isEqualTo(4 + 50);
        assertThat(csv.toString().split("\n")).containsExactly(
            "event,when,container,nodes,hosts_origin,InDatagrams,NoPorts,InErrors,OutDatagrams,RcvbufErrors,SndbufErrors",
            "2,before,c0,3,0,100,-1,-1,-1,0,-1",
            "2,after,c0,3,0,150,-1,-1,-1,4,-1",
            "2,before,c1,3,1,200,-1,-1,-1,7,-1",
            "2,after,c1,3,1,900,-1,-1,-1,57,-1");
    }
}
