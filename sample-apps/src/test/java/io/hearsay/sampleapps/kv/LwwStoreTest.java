package io.hearsay.sampleapps.kv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LwwStoreTest
{
    private record Write(String key, String value, long ts, long origin, long seq)
    {
    }

    @Test
    void shouldLetTheLaterTimestampWin()
    {
        final LwwStore store = new LwwStore();
        assertThat(store.apply("k", "new", 20, 1, 1)).isTrue();
        assertThat(store.apply("k", "old", 10, 9, 9)).isFalse();
        assertThat(store.get("k")).isEqualTo("new");
    }

    @Test
    void shouldBreakTimestampTiesByOriginThenSequence()
    {
        final LwwStore store = new LwwStore();
        store.apply("k", "from-1", 10, 1, 5);
        assertThat(store.apply("k", "from-2", 10, 2, 1)).isTrue();
        assertThat(store.apply("k", "from-1-again", 10, 1, 9)).isFalse();
        assertThat(store.apply("k", "from-2-later-seq", 10, 2, 2)).isTrue();
        assertThat(store.get("k")).isEqualTo("from-2-later-seq");
        assertThat(store.apply("k", "same-version", 10, 2, 2)).isFalse();
    }

    @Test
    void shouldKeepADeleteAgainstAnOlderLateWrite()
    {
        final LwwStore store = new LwwStore();
        store.apply("k", null, 30, 1, 2);
        store.apply("k", "zombie", 20, 1, 1);
        assertThat(store.get("k")).isNull();
        assertThat(store.snapshot()).doesNotContainKey("k");
    }

    @Test
    void shouldConvergeWhateverTheOrderOfWrites()
    {
        final long seed = 20261126L;
        final Random random = new Random(seed);
        final List<Write> writes = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            writes.add(new Write("k" + random.nextInt(20), random.nextInt(4) == 0 ? null : "v" + i,
                random.nextInt(50), 1 + random.nextInt(4), i));
        }
        final LwwStore reference = new LwwStore();
        writes.forEach(w -> reference.apply(w.key, w.value, w.ts, w.origin, w.seq));
        for (int replica = 0; replica < 10; replica++)
        {
            final List<Write> shuffled = new ArrayList<>(writes);
            Collections.shuffle(shuffled, random);
            final LwwStore store = new LwwStore();
            shuffled.forEach(w -> store.apply(w.key, w.value, w.ts, w.origin, w.seq));
            shuffled.forEach(w -> store.apply(w.key, w.value, w.ts, w.origin, w.seq));
            assertThat(store.snapshot()).as("replica %d, seed %d", replica, seed).isEqualTo(reference.snapshot());
        }
    }

    @Test
    void shouldRoundTripCommandsAndIgnoreOtherEvents()
    {
        assertThat(KvCommand.decode(new String(new KvCommand("a", "line1\nline2").encode())))
            .isEqualTo(new KvCommand("a", "line1\nline2"));
        assertThat(KvCommand.decode(new String(new KvCommand("a", null).encode()))).isEqualTo(new KvCommand("a", null));
        assertThat(KvCommand.decode("inject 1 ....")).isNull();
        assertThat(KvCommand.decode("kv1 set no-newline")).isNull();
    }
}
