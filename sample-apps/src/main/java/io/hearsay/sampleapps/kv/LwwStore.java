package io.hearsay.sampleapps.kv;

import java.util.Map;
import java.util.TreeMap;

/**
 * A last-writer-wins map. Each write carries a version (timestamp, origin, sequence); a write replaces the entry
 * only if its version is greater, compared by timestamp, then origin, then sequence. Applying the same set of
 * writes in any order gives the same map (commutative, idempotent). Deletes are kept as tombstones so that an
 * older write arriving late cannot resurrect a key. Thread-safe.
 */
public final class LwwStore
{
    /** A key's current value (null: deleted) and the version that wrote it. */
    public record Entry(String value, long timestampNs, long origin, long sequence)
    {
        boolean isOlderThan(final long timestampNs, final long origin, final long sequence)
        {
            if (this.timestampNs != timestampNs)
            {
                return this.timestampNs < timestampNs;
            }
            if (this.origin != origin)
            {
                return Long.compareUnsigned(this.origin, origin) < 0;
            }
            return this.sequence < sequence;
        }
    }

    private final TreeMap<String, Entry> entries = new TreeMap<>();

    /**
     * @param value null to delete
     * @return true if the write won (the map changed)
     */
    public synchronized boolean apply(
        final String key, final String value, final long timestampNs, final long origin, final long sequence)
    {
        final Entry current = entries.get(key);
        if (null == current || current.isOlderThan(timestampNs, origin, sequence))
        {
            entries.put(key, new Entry(value, timestampNs, origin, sequence));
            return true;
        }
        return false;
    }

    /** The value, or null if absent or deleted. */
    public synchronized String get(final String key)
    {
        final Entry e = entries.get(key);
        return null == e ? null : e.value();
    }

    public synchronized Entry entry(final String key)
    {
        return entries.get(key);
    }

    /** Live keys and values, sorted by key. */
    public synchronized Map<String, String> snapshot()
    {
        final TreeMap<String, String> copy = new TreeMap<>();
        entries.forEach((k, e) ->
        {
            if (null != e.value())
            {
                copy.put(k, e.value());
            }
        });
        return copy;
    }
}
