package io.hearsay.master.fault;

import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ControlPorts;
import io.hearsay.master.cluster.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code hearsay fault ...}: one fault on the running cluster, in the kernel, the daemon or the process layer, recorded
 * in the run's fault timeline ({@code faults.jsonl}); or {@code fault scenario FILE}, a timeline of faults.
 */
@Command(mixinStandardHelpOptions = true,
    name = "fault",
    description = "Make a fault on the running cluster (kernel, daemon or process layer); recorded in faults.jsonl.",
    subcommands = {
        FaultCommand.Loss.class, FaultCommand.Delay.class, FaultCommand.Duplicate.class, FaultCommand.Reorder.class,
        FaultCommand.Bandwidth.class, FaultCommand.Partition.class, FaultCommand.Sleep.class, FaultCommand.Pause.class,
        FaultCommand.Unpause.class, FaultCommand.Kill.class, FaultCommand.Crash.class, FaultCommand.Leave.class,
        FaultCommand.Restart.class, FaultCommand.Heal.class, ScenarioCommand.class})
public final class FaultCommand implements Runnable
{
    @Spec
    CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }

    /** What every single-fault subcommand shares: targets, layer, and running against the current cluster. */
    abstract static class Base implements Callable<Integer>
    {
        @Option(names = "--nodes", defaultValue = "all",
            description = "targets: all, cI, cI-cJ, nI, nI-nJ, IP, IP:PORT, random:K, half (comma list)")
        String nodes;

        @Option(names = "--layer", description = "kernel, daemon or process (default: the fault's usual layer)")
        String layer;

        abstract FaultAction action(NodeSelector selector, FaultLayer layer);

        String targets()
        {
            return nodes;
        }

        @Override
        public Integer call()
        {
            final Lab lab = Lab.open(System.out);
            final ClusterState state = lab.current();
            final NodeSelector selector = new NodeSelector(state.plan(), state.spec().seed);
            final FaultLayer requested = layer == null ? null : FaultLayer.fromCliName(layer);
            final FaultAction action = action(selector, requested);
            try (ControlPorts control = new ControlPorts();
                FaultInjector injector = new FaultInjector(state, lab.docker(), control, System.out))
            {
                injector.apply(action);
            }
            catch (final FaultFailedException ex)
            {
                System.err.println("fault not applied: " + ex.getMessage());
                return 2;
            }
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "loss", description = "Drop each datagram arriving at the targets with probability p.")
    static final class Loss extends Base
    {
        @Option(names = "--p", required = true)
        double p;

        @Override
        FaultAction action(final NodeSelector selector, final FaultLayer layer)
        {
            return FaultAction.loss(layer, selector.select(nodes), p);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "delay", description = "Delay datagrams (kernel: netem where the kernel has it; daemon: its own delay).")
    static final class Delay extends Base
    {
        @Option(names = "--ms", required = true)
        long ms;

        @Option(names = "--jitter", defaultValue = "0")
        long jitter;

        @Override
        FaultAction action(final NodeSelector selector, final FaultLayer layer)
        {
            return FaultAction.delay(layer, selector.select(nodes), ms, jitter);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "duplicate", description = "Duplicate datagrams with probability p.")
    static final class Duplicate extends Base
    {
        @Option(names = "--p", required = true)
        double p;

        @Override
        FaultAction action(final NodeSelector selector, final FaultLayer layer)
        {
            return FaultAction.probabilistic(FaultKind.DUPLICATE, layer, selector.select(nodes), p);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "reorder", description = "Reorder datagrams with probability p.")
    static final class Reorder extends Base
    {
        @Option(names = "--p", required = true)
        double p;

        @Override
        FaultAction action(final NodeSelector selector, final FaultLayer layer)
        {
            return FaultAction.probabilistic(FaultKind.REORDER, layer, selector.select(nodes), p);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "bandwidth", description = "Limit the targets' egress with a tbf token bucket (kernel).")
    static final class Bandwidth extends Base
    {
        @Option(names = "--kbit", required = true)
        long kbit;

        @Override
        FaultAction action(final NodeSelector selector, final FaultLayer layer)
        {
            return FaultAction.bandwidth(selector.select(nodes), kbit);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "partition", description = "Cut the cluster into groups: --groups A/B[/C...] [--one-way: A stops reaching B].")
    static final class Partition extends Base
    {
        @Option(names = "--groups", required = true, description = "SEL/SEL[/SEL...]; 'rest' = every other node")
        String groups;

        @Option(names = "--one-way")
        boolean oneWay;

        @Override
        FaultAction action(final NodeSelector selector, final FaultLayer layer)
        {
            return parsePartition(selector, layer, groups, oneWay);
        }
    }

    /** Parses {@code A/B[/C...]} (with {@code rest}) into a partition. */
    public static FaultAction parsePartition(final NodeSelector selector, final FaultLayer layer, final String groups,
        final boolean oneWay)
    {
        final String[] texts = groups.split("/");
        final List<Selection> selections = new ArrayList<>();
        final SortedSet<Integer> taken = new TreeSet<>();
        for (final String text : texts)
        {
            if (!text.trim().equals("rest"))
            {
                final Selection s = selector.select(text);
                taken.addAll(s.nodes());
            }
        }
        final SortedSet<Integer> all = new TreeSet<>();
        for (final String text : texts)
        {
            final Selection s = selector.select(text, taken);
            selections.add(s);
            all.addAll(s.nodes());
        }
        return FaultAction.partition(layer, selections, oneWay, selector.union(groups, all));
    }

    /** subcommands that act on one or more nodes named by --node */
    abstract static class NodeFault extends Base
    {
        @Option(names = "--node", required = true, description = "target node(s), same syntax as --nodes")
        String node;

        abstract FaultKind kind();

        long durationMs()
        {
            return 0;
        }

        @Override
        FaultAction action(final NodeSelector selector, final FaultLayer layer)
        {
            return FaultAction.process(kind(), layer, selector.select(node), durationMs());
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "sleep", description = "The node receives nothing for a while (daemon: SLEEP; process: pause then unpause).")
    static final class Sleep extends NodeFault
    {
        @Option(names = "--for", required = true, description = "how long: 500ms, 5s, 2m")
        String duration;

        @Override
        FaultKind kind()
        {
            return FaultKind.SLEEP;
        }

        @Override
        long durationMs()
        {
            return Durations.parseMs(duration);
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "pause", description = "docker pause the containers of the node(s).")
    static final class Pause extends NodeFault
    {
        @Override
        FaultKind kind()
        {
            return FaultKind.PAUSE;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "unpause", description = "docker unpause the containers of the node(s).")
    static final class Unpause extends NodeFault
    {
        @Override
        FaultKind kind()
        {
            return FaultKind.UNPAUSE;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "kill", description = "docker kill the containers of the node(s).")
    static final class Kill extends NodeFault
    {
        @Override
        FaultKind kind()
        {
            return FaultKind.KILL;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "crash", description = "The daemon node stops at once without a word (control CRASH).")
    static final class Crash extends NodeFault
    {
        @Override
        FaultKind kind()
        {
            return FaultKind.CRASH;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "leave", description = "The node leaves the cluster politely (control LEAVE).")
    static final class Leave extends NodeFault
    {
        @Override
        FaultKind kind()
        {
            return FaultKind.LEAVE;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "restart", description = "docker restart the containers of the node(s).")
    static final class Restart extends NodeFault
    {
        @Override
        FaultKind kind()
        {
            return FaultKind.RESTART;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "heal", description = "Undo faults: every layer, or --layer kernel|daemon|process.")
    static final class Heal implements Callable<Integer>
    {
        @Option(names = "--layer")
        String layer;

        @Option(names = "--nodes", defaultValue = "all")
        String nodes;

        @Override
        public Integer call()
        {
            final Lab lab = Lab.open(System.out);
            final ClusterState state = lab.current();
            final Selection targets = new NodeSelector(state.plan(), state.spec().seed).select(nodes);
            try (ControlPorts control = new ControlPorts();
                FaultInjector injector = new FaultInjector(state, lab.docker(), control, System.out))
            {
                if (layer == null)
                {
                    injector.healAll(targets);
                }
                else
                {
                    injector.apply(FaultAction.heal(FaultLayer.fromCliName(layer), targets));
                }
            }
            return 0;
        }
    }
}
