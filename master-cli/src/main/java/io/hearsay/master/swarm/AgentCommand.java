package io.hearsay.master.swarm;

import io.hearsay.master.cluster.DockerCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hearsay cluster agent}: a swarm host's agent (the lab starts it as a global service, not by hand). */
@Command(name = "agent", hidden = true, mixinStandardHelpOptions = true,
    description = "Run the master's docker commands on this host and stream its log volume (the swarm lab's per-host agent).")
public final class AgentCommand implements Callable<Integer>
{
    /** the run's agent token, given by the service's environment */
    public static final String TOKEN_ENV = "HEARSAY_AGENT_TOKEN";

    @Option(names = "--port", defaultValue = "" + AgentProtocol.PORT)
    int port;

    @Option(names = "--logs", defaultValue = "/logs", description = "the run's log volume on this host")
    Path logs;

    @Option(names = "--host", description = "this host's name (default: the container's host name)")
    String host;

    @Override
    public Integer call() throws Exception
    {
        final String token = System.getenv(TOKEN_ENV);
        if (token == null || token.isBlank())
        {
            System.err.println("error: " + TOKEN_ENV + " is not set; the agent runs only with the run's token");
            return 2;
        }
        final String name = host != null ? host : InetAddress.getLocalHost().getHostName();
        try (SwarmAgent agent = new SwarmAgent(SwarmAgent.listen(port), token.trim(), name, new DockerCli(), logs,
            System.out))
        {
            System.out.println("agent on " + name + " listening on TCP " + port);
            agent.run();
        }
        return 0;
    }
}
