package io.hearsay.daemon.app;

import java.util.concurrent.ConcurrentLinkedQueue;

/** Lifecycle tasks (start, stop the applications) for the application thread; never dropped, rarely used. */
final class ConcurrentLinkedControl
{
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    void add(final Runnable task)
    {
        tasks.add(task);
    }

    int runAll()
    {
        if (tasks.isEmpty())
        {
            return 0;
        }
        int work = 0;
        Runnable task;
        while (null != (task = tasks.poll()))
        {
            task.run();
            work++;
        }
        return work;
    }
}
