package io.hearsay.master.cluster;

import io.hearsay.core.Addresses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterNamesTest
{
    @Test
    void shouldNameABareDaemonAfterItsLowestSeedSoAFounderAndItsJoinersAgree()
    {
        final long founder = Addresses.parse("127.0.0.1:7946");
        final long joiner = Addresses.parse("127.0.0.1:7947");

        assertThat(ClusterNames.forDaemon(new long[0], new long[0], "127.0.0.1", 7946)).isEqualTo("hearsay-127.0.0.1:7946");
        assertThat(ClusterNames.forDaemon(new long[] {joiner, founder}, new long[0], "127.0.0.1", 9000))
            .isEqualTo("hearsay-127.0.0.1:7946");
        assertThat(ClusterNames.forDaemon(new long[0], new long[] {joiner, founder}, "127.0.0.1", 7947))
            .isEqualTo("hearsay-127.0.0.1:7946");
    }

    @Test
    void shouldGiveDistinctRunsDistinctShortNames()
    {
        assertThat(ClusterNames.forRun("local-7-1")).matches("hearsay-[0-9a-f]{8}")
            .isNotEqualTo(ClusterNames.forRun("local-7-2")).isEqualTo(ClusterNames.forRun("local-7-1"));
    }
}
