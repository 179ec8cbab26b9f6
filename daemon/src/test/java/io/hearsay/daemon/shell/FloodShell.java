package io.hearsay.daemon.shell;

/** Gives tests outside this package a shell config with the stand-in flood protocol. */
public final class FloodShell
{
    private FloodShell()
    {
    }

    public static ShellConfig config(final int nodes)
    {
        return ShellTestSupport.flood(nodes);
    }
}
