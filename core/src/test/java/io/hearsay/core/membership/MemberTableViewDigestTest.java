package io.hearsay.core.membership;

import io.hearsay.core.MemberStatus;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The member table's live-view digest, kept entry by entry, equals a full walk of the table after any changes. */
class MemberTableViewDigestTest
{
    private static final long SEED = 11;

    @Test
    void shouldEqualAFullWalkAfterRandomAddsChangesAndRemovals()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final long self = 1000;
        final MemberTable table = new MemberTable(self, 4); // grows several times on the way
        table.add(self, 1, 0, MemberStatus.ALIVE.ordinal(), 0);
        final ViewDigest walked = new ViewDigest();
        int removals = 0;
        int changes = 0;
        for (int step = 0; step < 20_000; step++)
        {
            final long address = 1 + random.nextInt(300);
            final int slot = table.slotOf(address);
            final int status = random.nextInt(MemberStatus.values().length);
            if (slot == MemberTable.NO_SLOT)
            {
                table.add(address, random.nextLong(), random.nextInt(5), status, step);
            }
            else if (address != self && random.nextInt(8) == 0)
            {
                table.remove(slot);
                removals++;
            }
            else
            {
                // sometimes the same values again (a refresh), sometimes a new incarnation or status
                final long incarnation = random.nextBoolean() ? table.incarnation(slot) : table.incarnation(slot) + 1;
                table.set(slot, table.bootId(slot), incarnation, random.nextBoolean() ? table.status(slot) : status, step);
                changes++;
            }
            if (step % 97 == 0 || step == 19_999)
            {
                walk(table, walked);
                assertThat(table.viewDigest().sameAs(walked)).as("step %d, seed %d", step, SEED).isTrue();
                assertThat(table.viewDigest().viewDigest()).isEqualTo(walked.viewDigest());
                assertThat(table.viewDigest().memberCount()).isEqualTo(table.size());
            }
        }
        assertThat(removals).isPositive();
        assertThat(changes).isPositive();
    }

    @Test
    void shouldCopyInConstantSpaceAndCountByStatus()
    {
        final MemberTable table = new MemberTable(1, 16);
        table.add(1, 1, 0, MemberStatus.ALIVE.ordinal(), 0);
        final int two = table.add(2, 1, 0, MemberStatus.ALIVE.ordinal(), 0);
        table.add(3, 1, 0, MemberStatus.SUSPECT.ordinal(), 0);
        table.set(two, 1, 4, MemberStatus.DEAD.ordinal(), 1);
        final ViewDigest copy = new ViewDigest();
        copy.copyFrom(table.viewDigest());
        assertThat(copy.alive()).isEqualTo(1);
        assertThat(copy.suspect()).isEqualTo(1);
        assertThat(copy.dead()).isEqualTo(1);
        final long bucket = ViewDigest.bucketOf(2);
        long expected = 0;
        for (final long address : new long[]{ 1, 2, 3 })
        {
            if (ViewDigest.bucketOf(address) == bucket)
            {
                expected += ViewDigest.entryDigest(address, address == 2 ? 4 : 0,
                    address == 1 ? MemberStatus.ALIVE : address == 2 ? MemberStatus.DEAD : MemberStatus.SUSPECT);
            }
        }
        assertThat(copy.digest((int)bucket)).isEqualTo(expected);
    }

    private static void walk(final MemberTable table, final ViewDigest into)
    {
        into.reset();
        for (int slot = 0; slot < table.slotLimit(); slot++)
        {
            if (table.inUse(slot))
            {
                into.add(table.address(slot), table.incarnation(slot), table.status(slot));
            }
        }
    }
}
