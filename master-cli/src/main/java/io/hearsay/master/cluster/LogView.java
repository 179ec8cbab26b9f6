package io.hearsay.master.cluster;

import io.hearsay.core.MemberStatus;
import io.hearsay.records.log.EventLogReader;
import io.hearsay.records.log.LogRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A snapshot of what every node of a run has logged so far, read from the run folder's {@code logs/} (one Chronicle
 * queue per process; readable while the processes write). Answers the lab's questions from the nodes' own records:
 * who knows event E and since when, and what each node believes about each member.
 */
public final class LogView
{
    /** An event's identity. */
    public record EventKey(long origin, long sequence)
    {
    }

    private final Map<EventKey, Map<Long, Long>> learnedWallNs = new HashMap<>();
    private final Map<Long, Map<Long, MemberStatus>> statusByObserver = new HashMap<>();
    private final Map<Long, Map<Long, Set<MemberStatus>>> everByObserver = new HashMap<>();
    private final Set<Long> nodes = new HashSet<>();
    private final List<String> unreadable = new ArrayList<>();

    private LogView()
    {
    }

    /** Reads every queue folder under {@code logsDir}; a folder that cannot be read is named in {@link #unreadable()}. */
    public static LogView read(final Path logsDir)
    {
        final LogView view = new LogView();
        if (!Files.isDirectory(logsDir))
        {
            return view;
        }
        final List<Path> queues;
        try (Stream<Path> list = Files.list(logsDir))
        {
            queues = list.filter(Files::isDirectory).sorted().toList();
        }
        catch (final IOException ex)
        {
            view.unreadable.add(logsDir + ": " + ex.getMessage());
            return view;
        }
        for (final Path queue : queues)
        {
            try
            {
                EventLogReader.read(queue, view::onRecord);
            }
            catch (final RuntimeException ex)
            {
                view.unreadable.add(queue.getFileName() + ": " + ex.getMessage());
            }
        }
        return view;
    }

    private void onRecord(final LogRecord r)
    {
        nodes.add(r.node);
        switch (r.type)
        {
            case LogRecord.EVENT_LEARNED:
                learnedWallNs.computeIfAbsent(new EventKey(r.origin, r.sequence), k -> new HashMap<>())
                    .putIfAbsent(r.node, r.wallNs);
                break;
            case LogRecord.MEMBER_CHANGE:
                statusByObserver.computeIfAbsent(r.node, k -> new HashMap<>()).put(r.member, r.status);
                everByObserver.computeIfAbsent(r.node, k -> new HashMap<>())
                    .computeIfAbsent(r.member, k -> new HashSet<>()).add(r.status);
                break;
            default:
                break;
        }
    }

    /** nodes that wrote at least one record */
    public Set<Long> nodes()
    {
        return nodes;
    }

    public List<String> unreadable()
    {
        return unreadable;
    }

    public Set<EventKey> events()
    {
        return learnedWallNs.keySet();
    }

    /** node -> wall ns when it learned {@code event} (empty when nobody did) */
    public Map<Long, Long> learned(final EventKey event)
    {
        return learnedWallNs.getOrDefault(event, Map.of());
    }

    /** how many of {@code among} have learned {@code event} */
    public int informed(final EventKey event, final Set<Long> among)
    {
        int count = 0;
        for (final Long node : learned(event).keySet())
        {
            if (among.contains(node))
            {
                count++;
            }
        }
        return count;
    }

    /** the latest status {@code observer} logged for {@code member}, or null when it logged none */
    public MemberStatus status(final long observer, final long member)
    {
        final Map<Long, MemberStatus> view = statusByObserver.get(observer);
        return view == null ? null : view.get(member);
    }

    /** whether {@code observer} ever logged {@code status} for {@code member} */
    public boolean everSaw(final long observer, final long member, final MemberStatus status)
    {
        final Map<Long, Set<MemberStatus>> view = everByObserver.get(observer);
        return view != null && view.getOrDefault(member, Set.of()).contains(status);
    }

    /** members {@code observer} currently believes alive (latest logged status ALIVE) */
    public int aliveSeenBy(final long observer)
    {
        final Map<Long, MemberStatus> view = statusByObserver.get(observer);
        if (view == null)
        {
            return 0;
        }
        int alive = 0;
        for (final MemberStatus status : view.values())
        {
            if (status == MemberStatus.ALIVE)
            {
                alive++;
            }
        }
        return alive;
    }
}
