package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterPlan;
import io.hearsay.master.cluster.ClusterSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeSelectorTest
{
    private final ClusterPlan plan = plan(16, 2); // 8 containers of 2 nodes
    private final NodeSelector selector = new NodeSelector(plan, 42);

    static ClusterPlan plan(final int nodes, final int perContainer)
    {
        final ClusterSpec spec = new ClusterSpec();
        spec.nodes = nodes;
        spec.perContainer = perContainer;
        return new ClusterPlan(spec.conclude());
    }

    @Test
    void shouldSelectContainersNodesAndAddresses()
    {
        assertThat(selector.select("all").nodes()).hasSize(16);
        assertThat(selector.select("c1").nodes()).containsExactly(2, 3);
        assertThat(selector.select("c0-c2").containers()).containsExactly(0, 1, 2);
        assertThat(selector.select("c0-2").containers()).containsExactly(0, 1, 2);
        assertThat(selector.select("n5").containers()).containsExactly(2);
        assertThat(selector.select("10.213.0.13").nodes()).containsExactly(6, 7);
        assertThat(selector.select("10.213.0.13:7947").nodes()).containsExactly(7);
        assertThat(selector.select("half").containers()).containsExactly(0, 1, 2, 3);
        assertThat(selector.select("c0,n15").nodes()).containsExactly(0, 1, 15);
    }

    @Test
    void shouldDrawRandomContainersReproduciblyFromTheSeed()
    {
        final Selection a = new NodeSelector(plan, 42).select("random:3");
        final Selection b = new NodeSelector(plan, 42).select("random:3");

        assertThat(a.containers()).hasSize(3).isEqualTo(b.containers());
    }

    @Test
    void shouldNameTargetsThatDoNotExist()
    {
        assertThatThrownBy(() -> selector.select("c8")).hasMessageContaining("'c8'").hasMessageContaining("c0..c7");
        assertThatThrownBy(() -> selector.select("n16")).hasMessageContaining("n0..n15");
        assertThatThrownBy(() -> selector.select("10.213.0.99")).hasMessageContaining("no container has address");
        assertThatThrownBy(() -> selector.select("10.213.0.10:7950")).hasMessageContaining("hosts ports 7946..7947");
        assertThatThrownBy(() -> selector.select("bogus")).hasMessageContaining("'bogus' is not understood");
        assertThatThrownBy(() -> selector.select("c3-c1")).hasMessageContaining("before its start");
    }

    @Test
    void shouldSplitAPartitionIntoAGroupAndTheRest()
    {
        final FaultAction action = FaultCommand.parsePartition(selector, null, "c0-c3/rest", false);

        assertThat(action.layer).isEqualTo(FaultLayer.KERNEL);
        assertThat(action.groups.get(0).containers()).containsExactly(0, 1, 2, 3);
        assertThat(action.groups.get(1).containers()).containsExactly(4, 5, 6, 7);
        assertThat(action.targets.nodes()).hasSize(16);
    }

    @Test
    void shouldRefuseOverlappingGroupsAndLayersAFaultCannotUse()
    {
        assertThatThrownBy(() -> FaultCommand.parsePartition(selector, null, "c0-c3/c3-c5", false))
            .hasMessageContaining("overlap");
        assertThatThrownBy(() -> FaultAction.bandwidth(selector.select("c0"), 4)).hasMessageContaining("kbit=4");
        assertThatThrownBy(() -> FaultAction.process(FaultKind.KILL, FaultLayer.KERNEL, selector.select("c0"), 0))
            .hasMessageContaining("cannot be made in layer kernel");
        assertThatThrownBy(() -> FaultAction.loss(null, selector.select("c0"), 1.5)).hasMessageContaining("loss 1.5 is not a probability");
    }

    @Test
    void shouldKnowWhetherASelectionCoversWholeContainers()
    {
        assertThat(selector.select("c0-c1").wholeContainers(plan)).isTrue();
        assertThat(selector.select("n0").wholeContainers(plan)).isFalse();
        assertThat(selector.select("n1,n2").localNodes(plan, 1)).isEqualTo(new TreeSet<>(List.of(0)));
    }
}
