package io.hearsay.daemon.shell;

import io.hearsay.daemon.app.ApplicationDispatcher;
import io.hearsay.daemon.app.ApplicationHost;
import io.hearsay.daemon.app.PluginCatalog;
import io.hearsay.daemon.app.api.LocalApiServer;
import io.hearsay.daemon.control.ControlAuth;
import io.hearsay.daemon.control.ControlPoller;
import io.hearsay.core.Addresses;
import io.hearsay.core.Node;
import io.hearsay.core.NodeConfig;
import io.hearsay.records.log.EventLogWriter;
import io.hearsay.daemon.shell.impair.DelayedSendQueue;
import io.hearsay.core.impair.NodeImpairment;
import io.hearsay.wire.PacketCipher;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One daemon process: opens a socket per hosted node, builds each node's core ({@link Node}) with its sink (event
 * log, then the node's application host), joins them to the seeds, and composes the {@link ShellAgent} with the
 * control port. The threading is chosen here: {@link #start()} runs the agent on its own thread with the configured
 * idle strategy; {@link #invoker()} lets a caller (a test, or a composite) step it by hand.
 * <p>
 * Node seeds: node i's protocol random and impairment random derive from the process seed and i, so a run with
 * the same seed, configuration and packet timing draws the same numbers.
 */
public final class HearsayDaemon implements AutoCloseable
{
    private final ShellConfig config;
    private final Selector selector;
    private final HostedNode[] nodes;
    private final UdpTransport transport;
    private final DelayedSendQueue delayQueue;
    private final ShellClock clock;
    private final EventLogWriter logWriter;
    private final ControlPoller control;
    private final ShellAgent agent;
    private final long processBootId;
    private final NodeConfig nodeConfig;
    private final ApplicationDispatcher appDispatcher;
    private final PluginCatalog plugins;
    private final LocalApiServer apiServer;
    private AgentRunner runner;
    private AgentInvoker invoker;
    private boolean closed;

    public HearsayDaemon(final ShellConfig config) throws IOException
    {
        this(config, () -> Runtime.getRuntime().halt(137));
    }

    /** @param halt what CRASH of the whole process does */
    public HearsayDaemon(final ShellConfig config, final ShellControlHandler.ProcessHalt halt) throws IOException
    {
        this.config = config.isConcluded() ? config : config.conclude();
        final Instant start = Instant.now();
        processBootId = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        clock = new ShellClock(SystemNanoClock.INSTANCE);
        nodeConfig = effectiveNodeConfig(config);
        transport = new UdpTransport(config.keyring() == null ? null : new PacketCipher(config.keyring(), nodeConfig.clusterName()));
        delayQueue = new DelayedSendQueue(config.delayQueueCapacity(), nodeConfig.packetBudgetBytes());
        selector = Selector.open();
        nodes = new HostedNode[config.nodes()];
        EventLogWriter writer = null;
        ControlPoller poller = null;
        ApplicationDispatcher dispatcher = null;
        PluginCatalog catalog = null;
        LocalApiServer api = null;
        try
        {
            final InetAddress bind = InetAddress.getByName(config.bindAddress());
            if (!(bind instanceof java.net.Inet4Address) || bind.isAnyLocalAddress())
            {
                throw new IllegalArgumentException("bind address " + config.bindAddress() + " is not accepted; " +
                    "accepted: one concrete IPv4 address (a node's address is its identity in the cluster)");
            }
            if (config.keyring() == null && !bind.isLoopbackAddress())
            {
                System.err.println("WARNING: no key (--key-file) on " + config.bindAddress() + ": datagrams are " +
                    "neither authenticated nor encrypted, so anyone who can reach this address can forge membership " +
                    "claims and rumors (they are checked and bounded, not prevented); use a keyring off loopback");
            }
            for (int i = 0; i < nodes.length; i++)
            {
                final DatagramChannel channel = openChannel(i, new InetSocketAddress(bind, config.port() == 0 ? 0 : config.port() + i));
                final long address = UdpTransport.toAddress((InetSocketAddress)channel.getLocalAddress());
                nodes[i] = new HostedNode(i, address, channel, transport, delayQueue, clock,
                    new NodeImpairment(new SplittableRandom(mix(config.seed(), 2L * i + 1)), config.impairment()));
            }
            if (config.logDir() != null)
            {
                final Path queueDir = config.logDir().resolve(
                    "daemon-" + Addresses.toString(nodes[0].address()).replace(':', '-'));
                requireWritableFolder(queueDir);
                writer = new EventLogWriter(queueDir);
            }
            if (config.hostsApplications())
            {
                catalog = config.pluginsDir() == null ? null : PluginCatalog.load(config.pluginsDir());
                dispatcher = new ApplicationDispatcher("hearsay-apps").start();
            }
            final List<ApplicationHost> hosts = new ArrayList<>();
            final long nowNs = clock.update();
            for (int i = 0; i < nodes.length; i++)
            {
                final HostedNode node = nodes[i];
                ApplicationHost host = null;
                if (dispatcher != null)
                {
                    host = new ApplicationHost(new ApplicationHost.Context()
                        .dispatcher(dispatcher)
                        .applications(catalog == null ? List.of() : catalog.newInstances())
                        .properties(catalog == null ? Map.of() : catalog.properties()));
                    hosts.add(host);
                }
                final Node protocol = config.protocolFactory().newNode(nodeConfig, node.address(), processBootId, node,
                    new ShellEventSink(writer, clock, host), new SplittableRandom(mix(config.seed(), 2L * i)), nowNs);
                node.protocol(protocol);
                node.bootId(processBootId);
                if (host != null)
                {
                    host.start(protocol);
                    node.applicationHost(host);
                }
                node.selectionKey(node.channel().register(selector, SelectionKey.OP_READ, node));
            }
            if (config.apiPort() >= 0)
            {
                api = new LocalApiServer(bind.isLoopbackAddress() ? bind : InetAddress.getLoopbackAddress(),
                    config.apiPort(), hosts);
            }
            if (config.controlPort() >= 0)
            {
                final InetAddress controlBind = InetAddress.getByName(config.controlBindAddress());
                final ControlAuth controlAuth = ControlAuth.of(config.controlToken(), config.keyring(), nodeConfig.clusterName());
                if (!controlBind.isLoopbackAddress() && controlAuth == null)
                {
                    System.err.println("WARNING: the control port listens on " + config.controlBindAddress() +
                        " without a control token or key: anyone who can reach it can sleep, impair, crash or stop " +
                        "this process's nodes; set " + ControlAuth.TOKEN_ENV + " (or --key-file) or " +
                        "bind it to loopback");
                }
                poller = new ControlPoller(new InetSocketAddress(controlBind, config.controlPort()),
                    new ShellControlHandler(nodes, clock, delayQueue, processBootId, halt, nodeConfig.clusterName()), controlAuth);
                poller.register(selector);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            for (final HostedNode node : nodes)
            {
                if (node != null)
                {
                    node.close();
                }
            }
            CloseHelper.quietCloseAll(selector, writer, poller, api, dispatcher, catalog);
            throw ex;
        }
        appDispatcher = dispatcher;
        plugins = catalog;
        apiServer = api;
        logWriter = writer;
        control = poller;
        agent = new ShellAgent(selector, nodes, transport, delayQueue, clock, control, logWriter,
            config.statsPeriodNs(), config.maxDatagramsPerPoll(), processBootId, this::reboot);
        join();
    }

    private DatagramChannel openChannel(final int index, final InetSocketAddress at) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.configureBlocking(false);
        if (config.socketReceiveBufferBytes() > 0)
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.socketReceiveBufferBytes());
        }
        try
        {
            channel.bind(at);
        }
        catch (final IOException ex)
        {
            channel.close();
            throw new IOException("cannot bind node " + index + " to " + at.getHostString() + ":" + at.getPort() + ": " +
                ex.getMessage(), ex);
        }
        return channel;
    }

    /**
     * A crashed node's next life (CRASH with a duration): a new socket at the same address, a new core with a new boot
     * id (larger than every earlier one: the wall clock, at least the last + 1) and empty state, formed as at start
     * (the roster, else the seeds, else the process's first running node). A node hosting applications is not
     * rebooted (the control handler refuses it). When the address cannot be bound again the node stays down and the
     * reason is printed once.
     */
    private void reboot(final HostedNode node, final long nowNs)
    {
        final DatagramChannel channel;
        try
        {
            channel = openChannel(node.index(), UdpTransport.toSocketAddress(node.address()));
        }
        catch (final IOException ex)
        {
            node.crash();
            System.err.println("hearsay: node " + Addresses.toString(node.address()) + " stays down: " + ex.getMessage());
            return;
        }
        final long bootId = Math.max(node.bootId() + 1, clock.wallNs());
        final int i = node.index();
        final long streamBase = 2L * nodes.length * (node.restarts() + 1);
        final Node protocol = config.protocolFactory().newNode(nodeConfig, node.address(), bootId, node,
            new ShellEventSink(logWriter, clock, null), new SplittableRandom(mix(config.seed(), streamBase + 2L * i)), nowNs);
        node.reboot(channel, protocol, bootId);
        try
        {
            node.selectionKey(channel.register(selector, SelectionKey.OP_READ, node));
        }
        catch (final IOException ex)
        {
            node.crash();
            System.err.println("hearsay: node " + Addresses.toString(node.address()) + " stays down: " + ex.getMessage());
            return;
        }
        form(node, nowNs);
    }

    /** The local application API's port, or -1 when not served. */
    public int apiPort()
    {
        return apiServer == null ? -1 : apiServer.port();
    }

    /** One line naming the folder when the event log cannot be written there (not the queue library's trace). */
    static void requireWritableFolder(final Path folder)
    {
        try
        {
            java.nio.file.Files.createDirectories(folder);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot create the event-log folder " + folder + ": " +
                (ex instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException)ex).getReason() != null ?
                    ((java.nio.file.FileSystemException)ex).getReason() : ex.getClass().getSimpleName()));
        }
        if (!java.nio.file.Files.isWritable(folder))
        {
            throw new IllegalArgumentException("cannot write the event log in " + folder + ": the folder is not writable");
        }
    }

    /** The core's packet budget shrinks by the cipher's overhead when datagrams are sealed. */
    private static NodeConfig effectiveNodeConfig(final ShellConfig config)
    {
        final NodeConfig nodeConfig = config.nodeConfig();
        if (config.keyring() != null)
        {
            nodeConfig.packetBudgetBytes(nodeConfig.packetBudgetBytes() - PacketCipher.OVERHEAD_BYTES);
            nodeConfig.conclude();
        }
        return nodeConfig;
    }

    /**
     * With a roster every node starts knowing every member and joins no one; else every node joins the configured
     * seeds, and with none, nodes 1..K-1 join node 0.
     */
    private void join()
    {
        final long nowNs = clock.nowNs();
        for (final HostedNode node : nodes)
        {
            form(node, nowNs);
        }
    }

    /** One node's formation: the roster, else the seeds, else (not node 0) the process's first running node. */
    private void form(final HostedNode node, final long nowNs)
    {
        final long[] roster = config.roster();
        if (roster.length > 0)
        {
            node.protocol().reserveMembers(roster.length + 1);
            for (final long address : roster)
            {
                node.protocol().addRosterMember(address, nowNs);
            }
            return;
        }
        final long[] seeds = config.seeds();
        if (seeds.length > 0)
        {
            node.protocol().join(seeds, nowNs);
            return;
        }
        for (final HostedNode other : nodes)
        {
            if (other != node && !other.isCrashed())
            {
                if (other.index() < node.index() || node.restarts() > 0)
                {
                    node.protocol().join(new long[]{ other.address() }, nowNs);
                }
                return;
            }
        }
    }

    /** SplitMix64 finaliser over (seed, stream): distinct, well-mixed seeds per node and purpose. */
    public static long mix(final long seed, final long stream)
    {
        long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Run the duty cycle on its own thread with the configured idle strategy. */
    public HearsayDaemon start()
    {
        runner = new AgentRunner(IdleStrategies.parse(config.idleStrategy(),
            maxBlockMs -> new SelectingIdleStrategy(selector, agent, clock, maxBlockMs)), this::onAgentError, null, agent);
        AgentRunner.startOnThread(runner);
        return this;
    }

    /** Step the duty cycle by hand ({@code invoker().invoke()}); for tests and composites. */
    public AgentInvoker invoker()
    {
        if (invoker == null)
        {
            invoker = new AgentInvoker(this::onAgentError, null, agent);
            invoker.start();
        }
        return invoker;
    }

    private void onAgentError(final Throwable ex)
    {
        System.err.println("hearsay: duty cycle error (continuing): " + ex);
    }

    public ShellConfig config()
    {
        return config;
    }

    public HostedNode[] nodes()
    {
        return nodes.clone();
    }

    public HostedNode node(final int index)
    {
        return nodes[index];
    }

    public ShellAgent agent()
    {
        return agent;
    }

    public UdpTransport transport()
    {
        return transport;
    }

    public long processBootId()
    {
        return processBootId;
    }

    /** @return the control port's poller (its counters), or null without a control port */
    public ControlPoller controlPoller()
    {
        return control;
    }

    public InetSocketAddress controlAddress()
    {
        return control == null ? null : control.localAddress();
    }

    public Path logPath()
    {
        return logWriter == null ? null : logWriter.path();
    }

    /** Stops the duty cycle, writes final statistics, closes sockets and the log. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (runner != null)
        {
            CloseHelper.quietClose(runner);
        }
        else if (invoker != null)
        {
            CloseHelper.quietClose(invoker);
        }
        else
        {
            agent.onClose();
        }
        CloseHelper.quietClose(apiServer);
        for (final HostedNode node : nodes)
        {
            CloseHelper.quietClose(node.applicationHost());
            node.close();
        }
        CloseHelper.quietCloseAll(appDispatcher, plugins, control, selector, logWriter);
    }
}
