package io.hearsay.master.swarm;

import io.hearsay.master.analysis.ClockOffsets;
import io.hearsay.master.analysis.HostClocks;
import io.hearsay.master.cluster.ClusterLauncher;
import io.hearsay.master.cluster.ClusterProbe;
import io.hearsay.master.cluster.ClusterSpec;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.ControlPorts;
import io.hearsay.master.cluster.DockerCli;
import io.hearsay.master.cluster.DockerTestGate;
import io.hearsay.master.cluster.InjectCommand;
import io.hearsay.master.cluster.Lab;
import io.hearsay.master.cluster.LabScripts;
import io.hearsay.master.cluster.LabUnavailableException;
import io.hearsay.master.cluster.NetworkKind;
import io.hearsay.master.fault.FaultAction;
import io.hearsay.master.fault.FaultInjector;
import io.hearsay.master.fault.FaultLayer;
import io.hearsay.master.fault.NodeSelector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lab on Docker Swarm end to end, on a one-node swarm of this machine's engine (made by the lab when the engine is
 * in none, and left again by {@code down}): 64 nodes in 16 swarm services on an overlay network, an event to all 64,
 * a kernel-level loss fault, then down with nothing left (no service, container, config, volume, network, route, and
 * the engine's swarm state as the test found it). Gated like the single-host lab's tests (HEARSAY_DOCKER_TESTS=1).
 */
@Tag("docker")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmClusterIT
{
    static final int NODES = 64;
    static final int PER_CONTAINER = 4;
    static final Duration CONVERGE = Duration.ofSeconds(120);
    static final Duration SPREAD = Duration.ofSeconds(60);
    static final Duration CALL = Duration.ofSeconds(30);

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    private Lab lab;
    private DockerCli docker;
    private ClusterState state;
    private ControlPorts control;
    private ClusterProbe probe;
    private FaultInjector injector;
    private String swarmStateBefore;
    private String unavailable;

    @BeforeAll
    void upCluster() throws Exception
    {
        unavailable = DockerTestGate.notEnabled("Docker engine (swarm mode, services, `down`)");
        if (unavailable != null)
        {
            return;
        }
        try
        {
            final LabScripts scripts = LabScripts.locate();
            scripts.ensureEngine();
            docker = new DockerCli();
            lab = new Lab(scripts.home(), Files.createDirectories(scripts.home().resolve("runs").resolve("it-swarm")),
                new ClusterLauncher(docker, scripts, out), out);
        }
        catch (final LabUnavailableException ex)
        {
            unavailable = "no Docker engine can be had here: " + ex.getMessage();
            return;
        }
        unavailable = DockerTestGate.notFree(docker);
        if (unavailable != null)
        {
            lab = null;
            return;
        }
        swarmStateBefore = swarmState();
        final ClusterSpec spec = new ClusterSpec();
        spec.name = "itswarm";
        spec.engine = ClusterSpec.ENGINE_SWARM;
        spec.network = NetworkKind.OVERLAY;
        spec.nodes = NODES;
        spec.perContainer = PER_CONTAINER;
        spec.profile = "local";
        spec.seed = 20261206;
        state = lab.up(spec.conclude(), null, false);
        control = new ControlPorts();
        probe = new ClusterProbe(state, control);
        injector = new FaultInjector(state, lab.docker(state), control, out);
        final long ms = lab.awaitMembership(state, probe, CONVERGE);
        assertThat(ms).as("membership of %d nodes converged (run folder %s)\n%s", NODES, state.runDir(), log).isGreaterThanOrEqualTo(0);
    }

    private String swarmState()
    {
        return docker.docker(CALL, "info", "--format", "{{.Swarm.LocalNodeState}}").stdout().trim();
    }

    private void assumeLab()
    {
        assumeTrue(unavailable == null, () -> unavailable);
    }

    @Test
    @Order(1)
    @Timeout(120)
    void shouldTeachAllSixtyFourNodesAnInjectedEvent() throws Exception
    {
        assumeLab();
        final Lab.Spread spread = InjectCommand.injectAndAwait(lab, state, control, probe, 5, 1, SPREAD, 20).get(0);

        assertThat(spread.complete()).as("%s", spread).isTrue();
        assertThat(spread.knowing()).isEqualTo(spread.running()).isEqualTo(NODES);
    }

    @Test
    @Order(2)
    @Timeout(180)
    void shouldTeachEveryNodeUnderTwentyPercentKernelLoss() throws Exception
    {
        assumeLab();
        injector.apply(FaultAction.loss(FaultLayer.KERNEL, new NodeSelector(state.plan(), 1).select("all"), 0.2));
        try
        {
            final Lab.Spread spread = InjectCommand.injectAndAwait(lab, state, control, probe, 41, 1, SPREAD, 20).get(0);

            assertThat(spread.complete()).as("%s", spread).isTrue();
            assertThat(spread.knowing()).isEqualTo(NODES);
        }
        finally
        {
            injector.apply(FaultAction.heal(FaultLayer.KERNEL, null));
        }
        assertThat(Files.readString(state.runDir().resolve("faults.jsonl")))
            .contains("\"layer\":\"kernel\",\"kind\":\"loss\"").contains("\"status\":\"applied\"");
    }

    @Test
    @Order(3)
    @Timeout(120)
    void shouldAnswerStatusAndRunCommandsThroughTheHostsAgent()
    {
        assumeLab();
        final java.util.List<String> status = lab.status(state);

        assertThat(String.join("\n", status)).contains("every host's agent answered")
            .contains("containers: {running=" + NODES / PER_CONTAINER + "}").contains(NODES + " nodes running");
        // the agent over the overlay (through the gateway), asked even for this host: it execs into a worker there
        final java.util.List<SwarmAgents.HostAnswer> answers = lab.swarm().agents(state).onEveryHost(java.util.List.of(
            new AgentProtocol.Command(java.util.List.of("exec", state.plan().slots().get(0).name() + ".1." +
                "x", "true"), null), new AgentProtocol.Command(java.util.List.of("ps", "-q", "--filter",
                "label=hearsay.cluster=itswarm"), null)), SwarmLab.VIEW_TIMEOUT, "");
        assertThat(answers).singleElement().satisfies(a ->
        {
            assertThat(a.error()).isNull();
            assertThat(a.results().get(0).stderr()).as("docker's own answer from the host").contains("No such container");
            assertThat(a.results().get(1).stdout().lines().count()).as("the workers and the agent")
                .isEqualTo(NODES / PER_CONTAINER + 1);
        });
    }

    @Test
    @Order(4)
    @Timeout(300)
    void shouldGatherLogsAndClocksThenLeaveNothingBehind() throws Exception
    {
        assumeLab();
        final Path runDir = state.runDir();
        lab.down();
        state = null;

        assertThat(Files.list(runDir.resolve("logs")).filter(Files::isDirectory))
            .as("one event-log queue per container, gathered from the host").hasSize(NODES / PER_CONTAINER);
        assertThat(HostClocks.load(runDir)).as("the one host's clock against the master").hasSize(1);
        assertThat(ClockOffsets.load(runDir).size()).isEqualTo(NODES / PER_CONTAINER);
        assertNothingLeft();
    }

    private void assertNothingLeft()
    {
        assertThat(docker.docker(CALL, "ps", "-aq", "--filter", "label=hearsay.lab=1").stdout()).isBlank();
        assertThat(docker.docker(CALL, "network", "ls", "-q", "--filter", "label=hearsay.lab=1").stdout()).isBlank();
        assertThat(docker.docker(CALL, "volume", "ls", "-q", "--filter", "label=hearsay.lab=1").stdout()).isBlank();
        assertThat(swarmState()).as("the engine's swarm state as the test found it").isEqualTo(swarmStateBefore);
        if ("active".equals(swarmStateBefore))
        {
            assertThat(docker.docker(CALL, "service", "ls", "-q", "--filter", "label=hearsay.lab=1").stdout()).isBlank();
            assertThat(docker.docker(CALL, "config", "ls", "-q", "--filter", "label=hearsay.lab=1").stdout()).isBlank();
        }
        assertThat(DockerCli.exec(null, null, CALL, java.util.List.of("ip", "route", "show", "10.215.0.0/16")).stdout())
            .as("the host's route into the overlay").isBlank();
    }

    @AfterAll
    void tearDown()
    {
        if (control != null)
        {
            control.close();
        }
        if (probe != null)
        {
            probe.close();
        }
        if (lab != null && state != null)
        {
            lab.down();
        }
    }
}
