package io.hearsay.master.apps;

import io.hearsay.daemon.app.ApplicationDispatcher;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.app.EmbeddedNetwork;
import io.hearsay.daemon.app.EmbeddedNode;
import io.hearsay.daemon.app.PluginCatalog;
import io.hearsay.daemon.app.api.LocalApiServer;
import io.hearsay.spi.GossipApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code ./hearsay apps-demo}: application plugins and the local API over an in-memory cluster (no sockets, no
 * protocol core: every broadcast reaches every node at once), to write and try applications and API clients.
 */
@Command(
    name = "apps-demo",
    mixinStandardHelpOptions = true,
    description = {
        "Host application plugins on an in-memory cluster and serve the local API on loopback until Ctrl-C.",
        "Without --plugins the sample applications on the class path are hosted (injector, kv, printer)." })
public final class AppsDemoCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "3", description = "in-memory nodes (1..1000), default ${DEFAULT-VALUE}")
    int nodes;

    @Option(names = "--api-port", defaultValue = "7400", description = "local API port on 127.0.0.1 (0: any), default ${DEFAULT-VALUE}")
    int apiPort;

    @Option(names = "--plugins", description = "a folder of application JARs (and apps.properties)")
    Path plugins;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the delivery order, default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws InterruptedException
    {
        if (nodes < 1 || nodes > 1000)
        {
            throw new ParameterException(spec.commandLine(), "--nodes " + nodes + " is out of range; accepted: 1..1000");
        }
        if (apiPort < 0 || apiPort > 65535)
        {
            throw new ParameterException(spec.commandLine(), "--api-port " + apiPort + " is out of range; accepted: 0..65535");
        }
        final PluginCatalog catalog;
        try
        {
            catalog = null == plugins ? PluginCatalog.classPath() : PluginCatalog.load(plugins);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), "--plugins: " + ex.getMessage());
        }
        final ApplicationDispatcher dispatcher = new ApplicationDispatcher("hearsay-apps").start();
        final EmbeddedNetwork network = new EmbeddedNetwork(dispatcher, seed, true);
        final List<ApplicationHost> hosts = new ArrayList<>();
        for (int i = 0; i < nodes; i++)
        {
            final EmbeddedNode node = network.addNode(7001 + i, new ApplicationHost.Context()
                .applications(catalog.newInstances()).properties(catalog.properties()));
            hosts.add(node.host());
        }
        final LocalApiServer api = LocalApiServer.start(apiPort, hosts);
        network.startDutyThread();
        final String apps = hosts.get(0).applications().stream().map(GossipApplication::name).collect(Collectors.joining(", "));
        System.out.println("apps-demo: " + nodes + " in-memory nodes 127.0.0.1:7001.." + (7000 + nodes) +
            ", applications [" + apps + "], seed " + seed);
        System.out.println("apps-demo: local API on http://127.0.0.1:" + api.port() + "/v1/  (try: curl -s http://127.0.0.1:" +
            api.port() + "/v1/members)");
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            api.close();
            network.close();
            dispatcher.close();
            catalog.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
