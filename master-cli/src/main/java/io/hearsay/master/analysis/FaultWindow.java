package io.hearsay.master.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fault window of a run's {@code faults.jsonl}: from an {@code applied} line until the line that undid it, in ms
 * on some time axis (wall clock when read, ms since an event's creation once {@link #onAxis placed}). A window still
 * open at the end of the timeline ends at {@link #OPEN}.
 *
 * @param layer   kernel, daemon or process
 * @param kind    the fault's CLI name (loss, partition, sleep, ...)
 * @param label   layer, kind and parameters, e.g. "kernel loss p=0.2"
 * @param startMs where the window starts
 * @param endMs   where it ends: {@link #OPEN} while never undone, the plot's edge once placed
 * @param healed  whether a line of the timeline ended it (false: still active when the timeline ends)
 */
public record FaultWindow(String layer, String kind, String label, double startMs, double endMs, boolean healed)
{
    public static final double OPEN = Double.POSITIVE_INFINITY;

    /**
     * @param zeroWallMs the wall-clock ms that becomes 0 on the new axis (the event's creation)
     * @param edgeMs     the plotted range's right edge on the new axis (its left edge is 0)
     * @return these windows shifted to the new axis and clipped to [0, edge]; those wholly outside are left out
     */
    public static List<FaultWindow> onAxis(
        final List<FaultWindow> windows, final double zeroWallMs, final double edgeMs)
    {
        final List<FaultWindow> placed = new ArrayList<>();
        for (final FaultWindow w : windows)
        {
            final double start = Math.max(0.0, w.startMs - zeroWallMs);
            final double end = Math.min(edgeMs, w.endMs - zeroWallMs);
            if (end >= start && w.startMs - zeroWallMs <= edgeMs && w.endMs - zeroWallMs >= 0.0)
            {
                placed.add(new FaultWindow(w.layer, w.kind, w.label, start, end, w.healed));
            }
        }
        return placed;
    }

    /** {@code {"layer", "kind", "label", "start_ms", "end_ms", "healed"}} for summary.json. */
    public Map<String, Object> toJson()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", layer);
        m.put("kind", kind);
        m.put("label", label);
        m.put("start_ms", startMs);
        m.put("end_ms", endMs);
        m.put("healed", healed);
        return m;
    }
}
