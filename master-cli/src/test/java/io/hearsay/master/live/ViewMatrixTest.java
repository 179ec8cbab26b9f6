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
        // C's bucket as A now holds it (C dead) is B's bucket already: taken from there, only B's is fetched
        assertThat(stale).as("only the changed buckets no other observer holds are stale")
            .isEqualTo(1L << LiveView.bucketOf(B));
        assertThat(matrix.entry(A, C).status()).isEqualTo(MemberStatus.DEAD);
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
        final ViewMatrix matrix = new ViewMatrix(8);
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
        final ViewMatrix.HeatMap map = matrix.heatMap();
        assertThat(map.blocks()).isLessThanOrEqualTo(8);
        assertThat(map.cells()).hasSize(map.blocks() * map.blocks());
        assertThat(map.cells().stream().mapToInt(ViewMatrix.Block::alive).sum()).isEqualTo(n * n);
        assertThat(map.cells().stream().mapToInt(ViewMatrix.Block::disagreements).sum()).isZero();
    }

    @Test
    void shouldKeepTheIncrementalCountsEqualToARecountWhileReportsChange()
    {
        final int n = 60;
        final ViewMatrix matrix = new ViewMatrix(7);
        final java.util.Random random = new java.util.Random(42);
        final long[] incarnation = new long[n];
        final boolean[] running = new boolean[n];
        java.util.Arrays.fill(running, true);
        final Member[][] views = new Member[n][n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                views[i][j] = new Member(j + 1, 0, MemberStatus.ALIVE);
            }
            matrix.onSelf(i + 1, true, 0);
            report(matrix, i + 1, views[i]);
        }
        assertThat(matrix.disagreementCount()).isZero();
        final long rebuildsAfterStart = matrix.rebuilds();
        assertThat(rebuildsAfterStart).isEqualTo(1);
        for (int step = 0; step < 400; step++)
        {
            final int i = random.nextInt(n);
            final int j = random.nextInt(n);
            switch (random.nextInt(5))
            {
                case 0 -> // j refutes: its own entry first, others learn it later
                {
                    incarnation[j]++;
                    views[j][j] = new Member(j + 1, incarnation[j], MemberStatus.ALIVE);
                    matrix.onSelf(j + 1, running[j], incarnation[j]);
                    report(matrix, j + 1, views[j]);
                }
                case 1 -> views[i][j] = new Member(j + 1, views[i][j].incarnation(), MemberStatus.SUSPECT);
                case 2 -> views[i][j] = new Member(j + 1, views[i][j].incarnation(), MemberStatus.DEAD);
                case 3 -> views[i][j] = new Member(j + 1, incarnation[j], running[j] ? MemberStatus.ALIVE : MemberStatus.DEAD);
                default ->
                {
                    running[j] = !running[j];
                    matrix.onSelf(j + 1, running[j], incarnation[j]);
                }
            }
            report(matrix, i + 1, views[i]);
            if (step % 50 == 49)
            {
                final long rebuilds = matrix.rebuilds();
                final ViewMatrix.HeatMap incremental = matrix.heatMap();
                final long incrementalTotal = matrix.disagreementCount();
                final long[] byKind = matrix.disagreementsByKind();
                assertThat(matrix.rebuilds()).as("no recount while the node set stands").isEqualTo(rebuilds);
                assertThat(matrix.disagreements(n * n, null)).hasSize((int)incrementalTotal);
                assertThat(byKind[0] + byKind[1] + byKind[2]).isEqualTo(incrementalTotal);
                assertThat(matrix.heatMapFromScratch()).as("step %d", step).isEqualTo(incremental);
                assertThat(matrix.disagreementCount()).isEqualTo(incrementalTotal);
                assertThat(incrementalTotal).as("step %d: brute force", step).isEqualTo(bruteForceDisagreements(views, running));
            }
        }
        assertThat(matrix.rebuilds()).as("one recount per check, none for the steps").isEqualTo(rebuildsAfterStart + 8);
    }

    private static int bruteForceDisagreements(final Member[][] views, final boolean[] running)
    {
        final int n = views.length;
        int expected = 0;
        for (int m = 0; m < n; m++)
        {
            long newestIncarnation = 0;
            for (int k = 0; k < n; k++)
            {
                newestIncarnation = Math.max(newestIncarnation, views[k][m].incarnation());
            }
            for (int o = 0; o < n; o++)
            {
                final Member held = views[o][m];
                final boolean down = held.status() == MemberStatus.DEAD || held.status() == MemberStatus.LEFT;
                if (o != m && ((running[m] && down) || (!running[m] && held.status() == MemberStatus.ALIVE) ||
                    held.incarnation() < newestIncarnation))
                {
                    expected++;
                }
            }
        }
        return expected;
    }

    @Test
    void shouldDrillDownToRealCellsAndRefuseAHugeRange()
    {
        final ViewMatrix matrix = new ViewMatrix(4);
        final int n = 10;
        final Member[] all = new Member[n];
        for (int j = 0; j < n; j++)
        {
            all[j] = new Member(j + 1, 0, MemberStatus.ALIVE);
        }
        for (int i = 0; i < n; i++)
        {
            matrix.onSelf(i + 1, true, 0);
            final Member[] view = all.clone();
            if (i == 2)
            {
                view[7] = new Member(8, 0, MemberStatus.DEAD); // node 3 holds node 8 dead: one disagreement
            }
            report(matrix, i + 1, view);
        }
        final ViewMatrix.HeatMap top = matrix.heatMap();
        assertThat(top.nodesPerBlock()).isEqualTo(3);
        assertThat(top.cells()).hasSize(16);
        assertThat(top.cells()).filteredOn(b -> b.disagreements() > 0).singleElement()
            .satisfies(b -> assertThat(b.row() * 10 + b.col()).isEqualTo(2));

        final ViewMatrix.HeatMap cells = matrix.heatMap(0, 3, 6, 9);
        assertThat(cells.nodesPerBlock()).isEqualTo(1);
        assertThat(cells.rowLabels()).containsExactly("0.0.0.0:1", "0.0.0.0:2", "0.0.0.0:3");
        assertThat(cells.cells()).filteredOn(b -> b.disagreements() > 0).singleElement().satisfies(b ->
        {
            assertThat(b.row()).isEqualTo(2);
            assertThat(b.col()).isEqualTo(1);
            assertThat(b.dead()).isEqualTo(1);
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> matrix.heatMap(0, 11, 0, 3))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 10)");
    }

    @Test
    void shouldKeepTheTopHeatMapBoundedAndIncrementalAt2000Nodes()
    {
        final int n = 2000;
        final ViewMatrix matrix = new ViewMatrix(24);
        final Member[] all = new Member[n];
        for (int j = 0; j < n; j++)
        {
            all[j] = new Member(j + 1, 0, MemberStatus.ALIVE);
        }
        final List<Member> view = List.of(all);
        final long[] digests = digestsOf(view);
        long fetched = 0;
        for (int i = 0; i < n; i++)
        {
            matrix.onSelf(i + 1, true, 0);
            final long stale = matrix.onDigests(i + 1, digests);
            fetched += Long.bitCount(stale);
            matrix.onEntries(i + 1, stale, view);
        }
        assertThat(fetched).as("identical buckets are fetched once, from the first observer").isEqualTo(LiveView.BUCKETS);
        assertThat(matrix.internedBuckets()).isEqualTo(LiveView.BUCKETS);
        final ViewMatrix.HeatMap first = matrix.heatMap();
        assertThat(first.cells()).hasSize(24 * 24);
        assertThat(matrix.entries()).isEqualTo((long)n * n);
        final long rebuilds = matrix.rebuilds();
        final long passes = matrix.columnPasses();
        // node 5 refutes (incarnation 1): everyone else still holds 0, an incarnation split each
        final Member[] refuted = all.clone();
        refuted[4] = new Member(5, 1, MemberStatus.ALIVE);
        matrix.onSelf(5, true, 1);
        final List<Member> own = List.of(refuted);
        matrix.onEntries(5, matrix.onDigests(5, digestsOf(own)), own);
        assertThat(matrix.disagreementCount()).isEqualTo(n - 1);
        assertThat(matrix.rebuilds()).as("a changed entry is counted in place").isEqualTo(rebuilds);
        assertThat(matrix.columnPasses() - passes).as("one column reclassified (twice: out, in)").isEqualTo(2);
        assertThat(matrix.heatMap().cells().stream().mapToInt(ViewMatrix.Block::disagreements).sum()).isEqualTo(n - 1);
    }

    @Test
    void shouldTellTheChangedEntriesButNotTheFirstSight()
    {
        final ViewMatrix matrix = new ViewMatrix(4);
        final List<String> told = new java.util.ArrayList<>();
        final ViewMatrix.ChangeSink sink = (observer, member, incarnation, status) ->
            told.add(observer + ":" + member + "=" + status + "@" + incarnation);
        final List<Member> first = List.of(new Member(A, 0, MemberStatus.ALIVE), new Member(B, 0, MemberStatus.ALIVE));
        matrix.onEntries(A, matrix.onDigests(A, digestsOf(first), sink), first, sink);
        assertThat(told).as("the first sight of a view is not a change").isEmpty();
        final List<Member> later = List.of(new Member(A, 0, MemberStatus.ALIVE), new Member(B, 0, MemberStatus.SUSPECT),
            new Member(C, 0, MemberStatus.ALIVE));
        matrix.onEntries(A, matrix.onDigests(A, digestsOf(later), sink), later, sink);
        assertThat(told).containsExactlyInAnyOrder("1:2=SUSPECT@0", "1:3=ALIVE@0");
    }
}
