package io.hearsay.bench.peers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardPlanTest
{
    /** this machine's kind: 20 GiB available, 2 cores, 20,000 open files per process, pid_max 32,768 */
    private static final ShardPlan.Machine MACHINE = new ShardPlan.Machine(20_480, 2, 20_000, 32_768);

    @Test
    void hearsayRunsAThousandMembersInOneProcess()
    {
        final ShardPlan plan = ShardPlan.of("hearsay", 1024, 64, MACHINE);

        assertThat(plan.jvms()).isEqualTo(1);
        assertThat(plan.perJvm()).isEqualTo(1024);
        assertThat(plan.unfit()).isEmpty();
    }

    @Test
    void scaleCubeAt256IsShardedByItsDescriptorsAndFits()
    {
        final ShardPlan plan = ShardPlan.of("scalecube", 256, 64, MACHINE);

        // 2 descriptors per peer: 510 per member; 80 % of 20,000 less the JVM's own hold 31 members
        assertThat(plan.perJvm()).isEqualTo(31);
        assertThat(plan.jvms()).isEqualTo(9);
        assertThat(plan.fdsPerJvm()).isLessThanOrEqualTo(MACHINE.openFiles());
        assertThat(plan.unfit()).isEmpty();
        assertThat(plan.describe()).contains("over the cores");
    }

    @Test
    void scaleCubeAt1024IsRefusedWithItsEstimate()
    {
        final ShardPlan plan = ShardPlan.of("scalecube", 1024, 64, MACHINE);

        assertThat(plan.unfit()).contains("CPU: the idle membership alone wants 12.3 cores of the 2");
        assertThat(plan.unfit()).contains("memory:");
        assertThat(plan.describe()).contains("REFUSED");
    }

    @Test
    void aSmallMachineRefusesOnMemory()
    {
        final ShardPlan plan = ShardPlan.of("atomix", 64, 64, new ShardPlan.Machine(1_024, 8, 20_000, 32_768));

        assertThat(plan.unfit()).startsWith("memory:");
    }

    @Test
    void aShardWithoutMemberZeroNeedsItsAddress()
    {
        assertThatThrownBy(() -> TrialSettings.parse(new String[]{"--system", "scalecube", "--nodes", "64", "--first", "32"}))
            .hasMessageContaining("--seed-address");
        assertThatThrownBy(() -> TrialSettings.parse(new String[]{"--nodes", "64", "--first", "32", "--count", "64",
            "--seed-address", "127.0.0.1:1"})).hasMessageContaining("beyond --nodes 64");
    }
}
