package io.hearsay.core.rumor;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RumorStoreTest
{
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[16]);

    @Test
    void shouldFindEveryStoredRumorThroughGrowthAndRemovals()
    {
        final RumorStore store = new RumorStore(16, 8, 1 << 16);
        final SplittableRandom random = new SplittableRandom(5);
        final Set<Long> present = new HashSet<>();
        for (int step = 0; step < 20_000; step++)
        {
            final long sequence = random.nextInt(500);
            final int slot = store.find(7, sequence);
            assertThat(slot != RumorStore.NO_SLOT).isEqualTo(present.contains(sequence));
            if (slot == RumorStore.NO_SLOT)
            {
                payload.putLong(0, sequence);
                store.add(7, sequence, 0, 0, 0, 0, 0, payload, 0, 8);
                present.add(sequence);
            }
            else
            {
                assertThat(store.payloadBuffer().getLong(store.payloadOffset(slot))).isEqualTo(sequence);
                store.remove(slot);
                present.remove(sequence);
            }
        }
        assertThat(store.size()).isEqualTo(present.size());
    }

    @Test
    void shouldRefuseAPayloadLargerThanTheMaximumNamingBothSizes()
    {
        final RumorStore store = new RumorStore(8, 8, 1 << 16);
        assertThatThrownBy(() -> store.add(1, 1, 0, 0, 0, 0, 0, payload, 0, 16))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16").hasMessageContaining("8");
    }
}
