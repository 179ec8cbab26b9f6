package io.hearsay.master.swarm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hearsay cluster receive-logs}: the gateway's side of gathering logs (started by the lab, not by hand). */
@Command(name = "receive-logs", hidden = true, mixinStandardHelpOptions = true,
    description = "Receive each host's log archive over TCP into DIR/HOST.tar.gz (the swarm lab's gateway runs it).")
public final class ReceiveLogsCommand implements Callable<Integer>
{
    @Option(names = "--dir", required = true)
    Path dir;

    @Option(names = "--port", defaultValue = "" + SwarmGather.RECEIVER_PORT)
    int port;

    @Option(names = "--expect", required = true, description = "hosts to wait for")
    int expect;

    @Option(names = "--timeout-s", defaultValue = "120")
    int timeoutS;

    @Override
    public Integer call() throws Exception
    {
        try (ServerSocket server = LogReceiver.listen(port))
        {
            final LogReceiver.Outcome outcome = LogReceiver.receive(server, dir, expect,
                System.nanoTime() + timeoutS * 1_000_000_000L);
            outcome.received().forEach(h -> System.out.println("received " + h));
            outcome.refused().forEach(r -> System.out.println("refused " + r));
            return outcome.received().size() >= expect ? 0 : 2;
        }
    }
}
