import io.hearsay.core.Addresses;
import io.hearsay.core.MemberStatus;
import io.hearsay.records.log.EventLogReader;
import io.hearsay.records.log.LogRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * For master-cli/measure-live.sh: when the nodes themselves (their event logs) first held a member not alive, from
 * a given wall time on. Prints "first_ms N" (the earliest observer), "all_ms N" (when the last of the observers
 * that did first held it so) and "observers K", in epoch ms.
 *   java @master-cli/target/classes/hearsay/jvm.options -cp master-cli/target/hearsay.jar master-cli/measure/MemberChangeTimes.java LOGS_DIR MEMBER SINCE_MS
 */
public final class MemberChangeTimes
{
    public static void main(final String[] args) throws Exception
    {
        final Path logs = Path.of(args[0]);
        final long member = Addresses.parse(args[1]);
        final long sinceNs = Long.parseLong(args[2]) * 1_000_000L;
        final Map<Long, Long> firstByObserver = new HashMap<>();
        try (Stream<Path> files = Files.walk(logs))
        {
            // every Chronicle queue below LOGS_DIR (a folder holding .cq4 files)
            for (final Path queue : files.filter(f -> f.toString().endsWith(".cq4")).map(Path::getParent).distinct().toList())
            {
                EventLogReader.read(queue, r ->
                {
                    if (r.type == LogRecord.MEMBER_CHANGE && r.member == member && r.wallNs >= sinceNs &&
                        r.status != MemberStatus.ALIVE && r.node != member)
                    {
                        firstByObserver.merge(r.node, r.wallNs, Math::min);
                    }
                });
            }
        }
        final long first = firstByObserver.values().stream().mapToLong(Long::longValue).min().orElse(0);
        final long all = firstByObserver.values().stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.println("first_ms " + first / 1_000_000L);
        System.out.println("all_ms " + all / 1_000_000L);
        System.out.println("observers " + firstByObserver.size());
    }
}
