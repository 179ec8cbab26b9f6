package io.hearsay.sim.run;

import io.hearsay.core.Channel;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what a run reported, in order, until it can be written: runs played at once on several threads write
 * their run folder entries in run order. Holds a rounds-fidelity run's reports (rounds and learned nodes); a
 * run that reports member changes or phases is not played this way.
 */
final class RecordedSink implements RoundSink
{
    private final List<Report> reports = new ArrayList<>();

    public void onRound(
        final int round, final long timeNs, final long informed, final long active, final long messages, final long maxReceived,
        final long maxSent)
    {
        reports.add(sink -> sink.onRound(round, timeNs, informed, active, messages, maxReceived, maxSent));
    }

    public void onLearned(final long timeNs, final long node, final int round, final int hops, final long from, final Channel channel)
    {
        reports.add(sink -> sink.onLearned(timeNs, node, round, hops, from, channel));
    }

    public void onMemberChange(
        final long timeNs, final long node, final long member, final io.hearsay.core.MemberStatus status, final long incarnation)
    {
        throw new UnsupportedOperationException("member changes are not kept for a later write");
    }

    public void onPhase(final PhaseRecord phase)
    {
        throw new UnsupportedOperationException("phases are not kept for a later write");
    }

    /** tells {@code sink} everything reported so far, in order */
    void replayInto(final RoundSink sink)
    {
        for (final Report report : reports)
        {
            report.to(sink);
        }
        reports.clear();
    }

    private interface Report
    {
        void to(RoundSink sink);
    }
}
