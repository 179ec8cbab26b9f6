package io.hearsay.records.log;

import io.hearsay.core.Channel;
import io.hearsay.core.MemberStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogRoundTripTest
{
    @Test
    void shouldReadBackEveryRecordWritten(@TempDir final Path dir)
    {
        try (EventLogWriter writer = new EventLogWriter(dir.resolve("q")))
        {
            writer.eventLearned(11, 12, 13, 14, 15, 16, 17, 18, 19, Channel.PULL, 2);
            writer.memberChange(21, 22, 23, 24, MemberStatus.SUSPECT, 25);
            writer.nodeStats(31, 32, 33, 34, 35, 36, 37, 38, 39);
        }
        final List<String> seen = new ArrayList<>();
        final EventLogReader.Stats stats = EventLogReader.read(dir.resolve("q"), r -> seen.add(r.toString()));
        assertThat(stats.records).isEqualTo(3);
        assertThat(stats.skipped).isZero();
        assertThat(seen.get(0)).contains("node=13", "origin=14", "seq=15", "round=17", "hops=18", "from=19", "PULL");
        assertThat(seen.get(1)).contains("member=24", "SUSPECT", "incarnation=25");
        assertThat(seen.get(2)).contains("sent=34", "received=35");
    }
}
