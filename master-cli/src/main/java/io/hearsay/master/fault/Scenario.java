package io.hearsay.master.fault;

import java.util.List;

/** A validated timeline of faults: each step at a time after the scenario's start, with its source line. */
public record Scenario(String name, long seed, List<Step> steps)
{
    /** One fault of the timeline. */
    public record Step(int line, long atMs, FaultAction action, String text)
    {
    }

    public long lengthMs()
    {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).atMs();
    }
}
