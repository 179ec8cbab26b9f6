package io.hearsay.daemon.app;

import io.hearsay.daemon.app.api.LocalApiServer;
import io.hearsay.spi.GossipApplication;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything application-side of one daemon process, for the shell to compose in a few lines:
 * <pre>
 * ApplicationRuntime apps = new ApplicationRuntime(pluginsDirOrNull);
 * for each hosted node:
 *     ApplicationHost host = apps.newHost();                 // the node's CoreEventSink (fan it out with the log's)
 *     GossipNode node = new GossipNode(config, self, bootId, outbox, sink, random, nowNs);
 *     host.start(new GossipNodeAccess(node, config));
 * apps.startApi(apiPort);                                    // optional, after every host started
 * duty cycle: node.doWork(nowNs); host.doWork(nowNs);
 * shutdown:   apps.close();                                  // API, applications, application thread, plugins
 * </pre>
 * One application thread serves every host; each host gets fresh instances of the plugins.
 */
public final class ApplicationRuntime implements AutoCloseable
{
    private final ApplicationDispatcher dispatcher = new ApplicationDispatcher("hearsay-apps");
    private final PluginCatalog catalog;
    private final List<ApplicationHost> hosts = new ArrayList<>();
    private LocalApiServer api;

    /** @param pluginsDir a folder of application JARs, or null for none */
    public ApplicationRuntime(final Path pluginsDir)
    {
        catalog = null == pluginsDir ? null : PluginCatalog.load(pluginsDir);
        dispatcher.start();
    }

    /** The plugin classes found (empty without a plugins folder). */
    public List<Class<? extends GossipApplication>> pluginTypes()
    {
        return null == catalog ? List.of() : catalog.types();
    }

    /** A host for one more node, with its own instances of the plugins; call {@code start(NodeAccess)} on it next. */
    public ApplicationHost newHost()
    {
        final ApplicationHost.Context ctx = new ApplicationHost.Context().dispatcher(dispatcher);
        if (null != catalog)
        {
            ctx.applications(catalog.newInstances()).properties(catalog.properties());
        }
        else
        {
            ctx.properties(Map.of());
        }
        final ApplicationHost host = new ApplicationHost(ctx);
        hosts.add(host);
        return host;
    }

    /**
     * Serve the local API on 127.0.0.1:port for every host created so far.
     *
     * @return the port bound (useful with port 0)
     */
    public int startApi(final int port)
    {
        if (null != api)
        {
            throw new IllegalStateException("the local API is already running on port " + api.port());
        }
        api = LocalApiServer.start(port, List.copyOf(hosts));
        return api.port();
    }

    public List<ApplicationHost> hosts()
    {
        return List.copyOf(hosts);
    }

    @Override
    public void close()
    {
        CloseHelper.close(api);
        hosts.forEach(ApplicationHost::close);
        dispatcher.close();
        CloseHelper.close(catalog);
    }
}
