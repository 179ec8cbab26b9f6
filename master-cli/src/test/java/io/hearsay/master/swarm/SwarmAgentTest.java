package io.hearsay.master.swarm;

import io.hearsay.master.cluster.ClusterSpec;
import io.hearsay.master.cluster.ClusterState;
import io.hearsay.master.cluster.DockerCli;
import io.hearsay.master.cluster.NetworkKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-host agent and its protocol without an engine: a real {@link SwarmAgent} on loopback whose "docker" is
 * {@code /bin/echo} (it prints the command it was given), asked by a real {@link SwarmAgents}.
 */
class SwarmAgentTest
{
    private static final String TOKEN = "0123456789abcdef";

    @TempDir
    Path dir;

    private SwarmAgent agent;
    private Thread agentThread;
    private final ByteArrayOutputStream agentLog = new ByteArrayOutputStream();

    private int startAgent(final Path logs) throws IOException
    {
        final ServerSocket server = SwarmAgent.listen(0);
        agent = new SwarmAgent(server, TOKEN, "beta", new DockerCli("/bin/echo"), logs,
            new PrintStream(agentLog, true, StandardCharsets.UTF_8));
        agentThread = new Thread(agent, "test-agent");
        agentThread.start();
        return server.getLocalPort();
    }

    @AfterEach
    void stopAgent() throws Exception
    {
        if (agent != null)
        {
            agent.close();
            agentThread.join(5_000);
        }
    }

    private static SwarmAgents.Agent onLoopback(final int port)
    {
        return new SwarmAgents.Agent("other", "beta", "running", "127.0.0.1", port, "");
    }

    private ClusterState twoHostRun()
    {
        final ClusterSpec spec = new ClusterSpec();
        spec.name = "t";
        spec.engine = ClusterSpec.ENGINE_SWARM;
        spec.network = NetworkKind.OVERLAY;
        spec.nodes = 4;
        spec.perContainer = 2;
        spec.seed = 1;
        final ClusterState state = ClusterState.createIn(dir.resolve("run"), spec.conclude());
        SwarmLab.writeTasks(state, List.of(
            new SwarmTask(0, "self", "alpha", "running", NetworkKind.ipv4(10, 215, 0, 5), "c0id", ""),
            new SwarmTask(1, "other", "beta", "running", NetworkKind.ipv4(10, 215, 0, 6), "c1id", "")));
        return ClusterState.load(state.runDir());
    }

    @Test
    void shouldRunLocalCommandsHereAndRemoteOnesThroughTheirHostsAgent() throws Exception
    {
        final int port = startAgent(dir);
        final SwarmAgents agents = new SwarmAgents(TOKEN, Map.of("self", "alpha", "other", "beta"),
            Map.of("other", onLoopback(port)));
        final SwarmDocker docker = new SwarmDocker("/bin/echo", twoHostRun(), "self", agents);

        assertThat(docker.dockerWithInput("table", Duration.ofSeconds(5), "exec", "-i", "hearsay-t-c000", "nft", "-f", "-")
            .stdout().trim()).as("this host: its engine, by container id").isEqualTo("exec -i c0id nft -f -");
        assertThat(docker.docker(Duration.ofSeconds(5), "ps", "-q").stdout().trim()).as("not addressed: passes").isEqualTo("ps -q");

        final DockerCli.Result exec = docker.dockerWithInput("table inet x {}", Duration.ofSeconds(5), "exec", "-i",
            "hearsay-t-c001", "nft", "-f", "-");
        assertThat(exec.ok()).isTrue();
        assertThat(exec.stdout().trim()).as("run by the agent on the container's host").isEqualTo("exec -i c1id nft -f -");

        final DockerCli.Result restart = docker.docker(Duration.ofSeconds(5), "restart", "-t", "1", "hearsay-t-c000",
            "hearsay-t-c001");
        assertThat(restart.ok()).isTrue();
        assertThat(restart.command()).containsExactly("docker", "restart", "-t", "1", "c1id");
    }

    @Test
    void shouldNameTheHostWhoseAgentDoesNotAnswerOrDoesNotRun() throws Exception
    {
        final int closedPort;
        try (ServerSocket free = SwarmAgent.listen(0))
        {
            closedPort = free.getLocalPort();
        }
        final SwarmAgents agents = new SwarmAgents(TOKEN, Map.of("self", "alpha", "other", "beta", "third", "gamma"),
            Map.of("other", onLoopback(closedPort),
                "third", new SwarmAgents.Agent("third", "gamma", "rejected", null, 0, "No such image: sha256:1")));
        final SwarmDocker docker = new SwarmDocker("/bin/echo", twoHostRun(), "self", agents);

        final DockerCli.Result r = docker.docker(Duration.ofSeconds(2), "pause", "hearsay-t-c001");
        assertThat(r.ok()).isFalse();
        assertThat(r.stderr()).contains("swarm host beta (agent 127.0.0.1:" + closedPort + ")", "did not answer");

        final List<SwarmAgents.HostAnswer> answers = agents.onEveryHost(
            List.of(new AgentProtocol.Command(List.of("ps"), null)), Duration.ofSeconds(2), "self");
        assertThat(answers).extracting(SwarmAgents.HostAnswer::error).allSatisfy(e -> assertThat(e).isNotNull());
        assertThat(answers.stream().map(SwarmAgents.HostAnswer::error).toList())
            .anySatisfy(e -> assertThat(e).contains("beta", "did not answer"))
            .anySatisfy(e -> assertThat(e).contains("gamma", "rejected", "No such image"));
        assertThatThrownBy(() -> agents.docker("third", List.of(new AgentProtocol.Command(List.of("ps"), null)),
            Duration.ofSeconds(2))).hasMessageContaining("swarm host gamma has no running agent");
    }

    @Test
    void shouldRefuseAWrongTokenAVerbOutsideTheListAndWhatIsNotARequestAndCountThem() throws Exception
    {
        final int port = startAgent(dir);

        assertThat(AgentProtocol.parseAnswer(ask(port, AgentProtocol.encode(new AgentProtocol.Request("forged",
            AgentProtocol.OP_DOCKER, List.of(new AgentProtocol.Command(List.of("ps"), null)), 1_000)))).error())
            .isEqualTo("refused: wrong token");
        assertThat(AgentProtocol.parseAnswer(ask(port, "{\"token\":\"" + TOKEN + "\",\"op\":\"docker\"," +
            "\"commands\":[{\"args\":[\"run\",\"-v\",\"/:/host\",\"debian\"]}]}")).error())
            .contains("refused", "docker run is not one of");
        assertThat(AgentProtocol.parseAnswer(ask(port, "GET / HTTP/1.0")).error()).contains("refused", "not JSON");
        assertThat(agent.refused()).isEqualTo(3);
        assertThat(agentLog.toString(StandardCharsets.UTF_8)).contains("refused").doesNotContain(TOKEN);
    }

    @Test
    void shouldBoundWhatARequestMayAsk()
    {
        final String many = AgentProtocol.encode(new AgentProtocol.Request(TOKEN, AgentProtocol.OP_DOCKER,
            Collections.nCopies(AgentProtocol.MAX_COMMANDS + 1, new AgentProtocol.Command(List.of("ps"), null)), 1_000));
        assertThatThrownBy(() -> AgentProtocol.parseRequest(many)).hasMessageContaining("at most " + AgentProtocol.MAX_COMMANDS);
        assertThatThrownBy(() -> AgentProtocol.parseRequest("{\"token\":\"t\",\"op\":\"docker\",\"commands\":[{\"args\":[1]}]}"))
            .hasMessageContaining("not a string");
        assertThatThrownBy(() -> AgentProtocol.parseRequest("{\"token\":\"t\",\"op\":\"shell\"}")).hasMessageContaining("op 'shell'");
        assertThatThrownBy(() -> AgentProtocol.parseRequest("{\"op\":\"logs\"}")).hasMessageContaining("token");

        final AgentProtocol.Request slow = AgentProtocol.parseRequest(AgentProtocol.encode(new AgentProtocol.Request(TOKEN,
            AgentProtocol.OP_DOCKER, List.of(new AgentProtocol.Command(List.of("exec", "c", "nft", "-f", "-"), "x")), 86_400_000)));
        assertThat(slow.timeoutMs()).as("clamped").isEqualTo(AgentProtocol.MAX_TIMEOUT_MS);
        assertThat(slow.commands().get(0).stdin()).isEqualTo("x");
        assertThat(AgentProtocol.tokenMatches(null, "")).as("no token accepts nothing").isFalse();
        assertThat(AgentProtocol.bounded("x".repeat(AgentProtocol.MAX_OUTPUT_CHARS + 5))).endsWith("(5 more characters cut)");
    }

    @Test
    void shouldStreamTheHostsLogVolume() throws Exception
    {
        final Path logs = Files.createDirectories(dir.resolve("volume").resolve("10.215.0.6-7946"));
        Files.writeString(logs.resolve("queue.cq4"), "records");
        final int port = startAgent(dir.resolve("volume"));
        final SwarmAgents agents = new SwarmAgents(TOKEN, Map.of("other", "beta"), Map.of("other", onLoopback(port)));

        final Path archive = dir.resolve("beta.tar.gz");
        assertThat(agents.logs(onLoopback(port), archive, Duration.ofSeconds(10))).isPositive();
        final Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        assertThat(DockerCli.exec(null, null, Duration.ofSeconds(10), List.of("tar", "-xzf", archive.toString(), "-C",
            unpacked.toString())).ok()).isTrue();
        assertThat(Files.readString(unpacked.resolve("10.215.0.6-7946").resolve("queue.cq4"))).isEqualTo("records");

        final SwarmAgents forged = new SwarmAgents("forged", Map.of("other", "beta"), Map.of("other", onLoopback(port)));
        assertThatThrownBy(() -> forged.logs(onLoopback(port), dir.resolve("x.tar.gz"), Duration.ofSeconds(5)))
            .hasMessageContaining("beta").hasMessageContaining("wrong token");
    }

    @Test
    void shouldRunOneAgentPerHostWithItsSocketTheRunsVolumeAndToken()
    {
        final ClusterState state = twoHostRun();
        final String args = String.join(" ", SwarmAgents.serviceArgs(state.spec(), "sha256:abc", TOKEN, "10.215.0.3"));

        assertThat(args).startsWith("service create -d -q --name hearsay-t-agent --mode global")
            .contains("--network hearsay-ov", "--cap-add NET_ADMIN", "--label hearsay.lab=1",
                "source=/var/run/docker.sock,target=/var/run/docker.sock",
                "type=volume,source=" + SwarmLab.logVolume(state.spec()) + ",target=/logs,readonly",
                "--env HEARSAY_AGENT_TOKEN=" + TOKEN, "--env HEARSAY_GATEWAY=10.215.0.3")
            .endsWith("sha256:abc cluster agent --port " + AgentProtocol.PORT + " --logs /logs");

        final SwarmAgents.Agent a = SwarmAgents.parseTask("node2|running|10.215.0.9/16 |", Map.of("node2", "beta"));
        assertThat(a).isEqualTo(new SwarmAgents.Agent("node2", "beta", "running", "10.215.0.9", AgentProtocol.PORT, ""));
        assertThat(SwarmAgents.parseTask("node3|pending||no suitable node", Map.of()).running()).isFalse();
    }

    private static String ask(final int port, final String line) throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", port))
        {
            final OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            final InputStream in = socket.getInputStream();
            return AgentProtocol.readLine(in, 1 << 20);
        }
    }
}
