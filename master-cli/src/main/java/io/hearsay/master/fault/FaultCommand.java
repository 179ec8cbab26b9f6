package io.hearsay.master.fault;

import io.hearsay.core.impair.FaultGrammar;
import io.hearsay.core.impair.FaultStatement;
import io.hearsay.core.impair.FaultVerb;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ControlPorts;
import io.hearsay.master.cluster.Lab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code hearsay fault FAULT key=value...}: one fault on the running cluster, written in the one fault grammar
 * ({@link FaultGrammar}: the same words as a scenario line without its {@code at TIME}), made in the kernel, the
 * daemon or the process layer and recorded in the run's fault timeline ({@code faults.jsonl}); or
 * {@code fault scenario FILE}, a timeline of faults.
 */
@Command(mixinStandardHelpOptions = true,
    name = "fault",
    description = {"Make a fault on the running cluster (kernel, daemon or process layer); recorded in faults.jsonl.",
        "  e.g. fault loss p=0.2 nodes=c0-c3 | fault partition groups=c0-c7/rest | fault heal layer=kernel"},
    footer = {"%nFaults and their keys (nodes=SEL: all, cI, cI-cJ, nI, nI-nJ, IP, IP:PORT, random:K, half; comma list):"},
    subcommands = {ScenarioCommand.class})
public final class FaultCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FAULT key=value", arity = "0..*", description = "one fault line, e.g. loss p=0.2 nodes=c0-c3")
    List<String> words = new ArrayList<>();

    @Override
    public Integer call()
    {
        if (words.isEmpty())
        {
            spec.commandLine().usage(System.out);
            System.out.print(FaultVerb.usageTable());
            return 0;
        }
        final FaultStatement statement = FaultGrammar.parseStatement("fault", String.join(" ", words));
        final Lab lab = Lab.open(System.out);
        final ClusterState state = lab.current();
        final NodeSelector selector = new NodeSelector(state.plan(), state.spec().seed);
        final FaultAction action = FaultAction.from(statement, selector);
        try (ControlPorts control = new ControlPorts();
            FaultInjector injector = new FaultInjector(state, lab.docker(state), control, System.out))
        {
            if (action.kind == FaultKind.HEAL && !statement.has("layer"))
            {
                injector.healAll(action.targets == null ? selector.select("all") : action.targets);
            }
            else
            {
                injector.apply(action);
            }
        }
        catch (final FaultFailedException ex)
        {
            System.err.println("fault not applied: " + ex.getMessage());
            return 2;
        }
        return 0;
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
}
