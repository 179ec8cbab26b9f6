package io.hearsay.master.cluster;

import io.hearsay.master.HearsayMain;

import java.time.Duration;

/** Why a Docker lab test should not run here (null: it may), shared by the lab's integration tests. */
public final class DockerTestGate
{
    private DockerTestGate()
    {
    }

    /** Not asked for: only scripts/test (HEARSAY_DOCKER_TESTS=1) and CI take over the machine's Docker lab. */
    public static String notEnabled(final String what)
    {
        if ("true".equals(System.getenv("CI")) || "1".equals(System.getenv("HEARSAY_DOCKER_TESTS")))
        {
            return null;
        }
        return "the Docker lab tests take over this machine's " + what + "; they run in the test command " +
            "(scripts/test sets HEARSAY_DOCKER_TESTS=1) and in CI (CI=true)";
    }

    /** No daemon command to run in containers, or another cluster's lab containers running. */
    public static String notFree(final DockerCli docker)
    {
        if (!HearsayMain.commandLine().getSubcommands().containsKey("daemon"))
        {
            return "this build has no 'hearsay daemon' command to run in the containers";
        }
        final String inUse = docker.docker(Duration.ofSeconds(30), "ps", "-q", "--filter", "label=hearsay.lab=1")
            .stdout().trim();
        return inUse.isEmpty() ? null : "the Docker lab is in use: " + inUse.split("\\s+").length + " running lab " +
            "containers of another cluster, which this test will not take down (./hearsay cluster down if they are stale)";
    }
}
