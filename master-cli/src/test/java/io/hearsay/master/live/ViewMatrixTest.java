package io.hearsay.master.live;

import io.hearsay.core.MemberStatus;
import io.hearsay.daemon.control.ControlClient.Member;
import io.hearsay.daemon.control.LiveView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The view matrix and its disagreements, with reports stepped by hand. */
class ViewMatrixTest
{
    private static final long A = 1;
    private static final long B = 2;
    private static final long C = 3;

    private static long[] digestsOf(final List<Member> members)
    {
        final long[] digests = new long[LiveView.BUCKETS];
        for (final Member m : members)
        {
            digests[LiveView.bucketOf(m.address())] += LiveView.entryDigest(m.address(), m.incarnation(), m.status());
        }
        return digests;
    }

    private static void report(final ViewMatrix matrix, final long observer, final Member... members)
    {
        final List<Member> view = List.of(members);
        final long stale = matrix.onDigests(observer, digestsOf(view));
        matrix.onEntries(observer, stale, view);
        assertThat(matrix.staleBuckets(observer)).as("nothing stale after the entries").isZero();
    }

    @Test
    void shouldAgreeWhenEveryoneSeesEveryoneAlive()
    {
        final ViewMatrix matrix = new ViewMatrix();
        for (final long node : new long[]{ A, B, C })
        {
            matrix.onSelf(node, true, 0);
            report(matrix, node, new Member(A, 0, MemberStatus.ALIVE), new Member(B, 0, MemberStatus.ALIVE),
                new Member(C, 0, MemberStatus.ALIVE));
        }
        assertThat(matrix.entries()).isEqualTo(9);
        assertThat(matrix.disagreements(10, null)).isEmpty();
        assertThat(matrix.entry(A, C).status()).isEqualTo(MemberStatus.ALIVE);
    }

    @Test
    void shouldFlagDeadWhileAliveAndIncarnationSplitAndAliveWhileDown()
    {
        final ViewMatrix matrix = new ViewMatrix();
        matrix.onSelf(A, true, 0);
        matrix.onSelf(B, true, 2);
        matrix.onSelf(C, false, 0);
        // A holds B dead (B is running): dead while alive; A still holds C alive (C crashed): alive while down
        report(matrix, A, new Member(A, 0, MemberStatus.ALIVE), new Member(B, 1, MemberStatus.DEAD),
            new Member(C, 0, MemberStatus.ALIVE));
        // B refuted with incarnation 2; it holds C dead, as it should
        report(matrix, B, new Member(A, 0, MemberStatus.ALIVE), new Member(B, 2, MemberStatus.ALIVE),
            new Member(C, 0, MemberStatus.DEAD));

        final int[] total = new int[1];
        final List<ViewMatrix.Disagreement> found = matrix.disagreements(10, total);
        assertThat(total[0]).isEqualTo(2);
        assertThat(found).extracting(ViewMatrix.Disagreement::kind, ViewMatrix.Disagreement::observer,
            ViewMatrix.Disagreement::member).containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(ViewMatrix.Kind.DEAD_WHILE_ALIVE, A, B),
            org.assertj.core.groups.Tuple.tuple(ViewMatrix.Kind.ALIVE_WHILE_DOWN, A, C));

        // A learns B is alive again, but at incarnation 1 while B itself is at 2: an incarnation split remains
        final long stale = matrix.onDigests(A, digestsOf(List.of(new Member(A, 0, MemberStatus.ALIVE),
            new Member(B, 1, MemberStatus.ALIVE), new Member(C, 0, MemberStatus.DEAD))));
        assertThat(stale).as("only the changed buckets are stale")
            .isEqualTo((1L << LiveView.bucketOf(B)) | (1L << LiveView.bucketOf(C)));
        matrix.onEntries(A, stale, List.of(new Member(B, 1, MemberStatus.ALIVE), new Member(C, 0, MemberStatus.DEAD)));
        assertThat(matrix.disagreements(10, total)).singleElement().satisfies(d ->
        {
            assertThat(d.kind()).isEqualTo(ViewMatrix.Kind.INCARNATION_SPLIT);
            assertThat(d.heldIncarnation()).isEqualTo(1);
            assertThat(d.newestIncarnation()).isEqualTo(2);
        });
    }

    @Test
    void shouldAggregateTheHeatMapIntoBoundedBlocks()
    {
        final ViewMatrix matrix = new ViewMatrix();
        final int n = 100;
        final Member[] all = new Member[n];
        for (int i = 0; i < n; i++)
        {
            all[i] = new Member(i + 1, 0, MemberStatus.ALIVE);
        }
        for (int i = 0; i < n; i++)
        {
            matrix.onSelf(i + 1, true, 0);
            report(matrix, i + 1, all);
        }
        final ViewMatrix.HeatMap map = matrix.heatMap(8);
        assertThat(map.blocks()).isLessThanOrEqualTo(8);
        assertThat(map.cells()).hasSize(map.blocks() * map.blocks());
        assertThat(map.cells().stream().mapToInt(ViewMatrix.Block::alive).sum()).isEqualTo(n * n);
        assertThat(map.cells().stream().mapToInt(ViewMatrix.Block::disagreements).sum()).isZero();
    }
}
