package io.hearsay.master.fault;

import io.hearsay.core.impair.DelayDistribution;
import io.hearsay.records.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FaultTimelineTest
{
    @TempDir
    Path runDir;

    @Test
    void shouldWriteOneParsableJsonLinePerFaultWithLayerStatusAndParameters() throws Exception
    {
        final NodeSelector selector = new NodeSelector(NodeSelectorTest.plan(8, 1), 3);
        final FaultTimeline timeline = new FaultTimeline(runDir);

        timeline.record(1000, FaultAction.loss(null, selector.select("c0-c3"), 0.2), "applied", "nft \"loss\" in 4");
        timeline.record(2000, FaultAction.delay(FaultLayer.KERNEL, selector.select("all"), DelayDistribution.parse("uniform:15ms,25ms", 0)), "failed",
            "this kernel has no netem; fallback: layer=daemon");
        timeline.record(3000, FaultCommand.parsePartition(selector, null, "c0-c3/rest", true), "applied", "");

        final List<String> lines = Files.readAllLines(runDir.resolve(FaultTimeline.FILE));
        assertThat(lines).hasSize(3);
        final Map<String, Object> first = Json.asObject(Json.parse(lines.get(0)), "line 1");
        assertThat(first).containsEntry("layer", "kernel").containsEntry("kind", "loss").containsEntry("status", "applied")
            .containsEntry("targets", "c0-c3").containsEntry("detail", "nft \"loss\" in 4");
        assertThat(Json.asObject(first.get("params"), "params").get("p")).isEqualTo(0.2);
        final Map<String, Object> second = Json.asObject(Json.parse(lines.get(1)), "line 2");
        assertThat(second).containsEntry("status", "failed");
        assertThat((String)second.get("detail")).contains("no netem").contains("fallback");
        final Map<String, Object> third = Json.asObject(Json.parse(lines.get(2)), "line 3");
        assertThat(Json.asObject(third.get("params"), "params")).containsEntry("groups", "c0-c3/rest")
            .containsEntry("one_way", true);
    }
}
