package io.hearsay.master.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterStateTest
{
    @TempDir
    Path dir;

    @Test
    void shouldNameAFolderThatIsNoLabClustersRunFolder() throws Exception
    {
        // a soak's run folder: a config.properties of another shape (before: "Cannot parse null string")
        Files.writeString(dir.resolve(ClusterState.CONFIG), "nodes=1000\nprocesses=4\nseed=2031\n");
        assertThatThrownBy(() -> ClusterState.load(dir)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage(dir + " is not a lab cluster's run folder (config.properties names no nodes and per_container; " +
                "made by 'cluster up' or 'experiment')");
    }
}
