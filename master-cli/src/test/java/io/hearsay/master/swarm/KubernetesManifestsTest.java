package io.hearsay.master.swarm;

import io.hearsay.master.HearsayMain;
import io.hearsay.master.cluster.LabScripts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests ({@code k8s/hearsay.yaml}) checked offline (no cluster here): each object has the fields
 * the API server requires, the StatefulSet's service is the headless Service and their selectors meet, the images are
 * the lab's (never pulled), and the containers' arguments are ones {@code hearsay daemon} and {@code hearsay master}
 * accept, naming the pods the StatefulSet makes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest
{
    private final List<Map<String, Object>> objects = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    void load() throws Exception
    {
        final Path file = LabScripts.findHome().resolve("k8s").resolve("hearsay.yaml");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            for (final Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader))
            {
                if (doc != null)
                {
                    objects.add((Map<String, Object>)doc);
                }
            }
        }
    }

    private Map<String, Object> kind(final String kind)
    {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/hearsay.yaml"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(final Object root, final String... path)
    {
        Object node = root;
        for (final String key : path)
        {
            assertThat(node).as("parent of %s in %s", key, String.join(".", path)).isInstanceOf(Map.class);
            node = ((Map<String, Object>)node).get(key);
            assertThat(node).as("%s (in %s)", key, String.join(".", path)).isNotNull();
        }
        return (T)node;
    }

    private static Map<String, Object> container(final Map<String, Object> workload)
    {
        final List<Map<String, Object>> containers = at(workload, "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static String[] args(final Map<String, Object> container, final String podIp)
    {
        final List<Object> args = at(container, "args");
        return args.stream().map(a -> String.valueOf(a).replace("$(POD_IP)", podIp)).toArray(String[]::new);
    }

    @Test
    void shouldGiveEveryObjectTheFieldsTheApiServerRequires()
    {
        assertThat(objects).extracting(o -> o.get("kind")).containsExactly("Service", "StatefulSet", "Deployment");
        for (final Map<String, Object> o : objects)
        {
            assertThat((String)at(o, "apiVersion")).isIn("v1", "apps/v1");
            assertThat((String)at(o, "metadata", "name")).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat((Map<?, ?>)at(o, "spec")).isNotEmpty();
        }
    }

    @Test
    void shouldGovernTheWorkersWithAHeadlessServiceThatSelectsThem()
    {
        final Map<String, Object> service = kind("Service");
        final Map<String, Object> workers = kind("StatefulSet");

        assertThat((String)at(service, "spec", "clusterIP")).isEqualTo("None");
        assertThat((String)at(workers, "spec", "serviceName")).isEqualTo(at(service, "metadata", "name"));
        final Map<String, Object> podLabels = at(workers, "spec", "template", "metadata", "labels");
        assertThat(podLabels).containsAllEntriesOf(at(service, "spec", "selector"))
            .containsAllEntriesOf(at(workers, "spec", "selector", "matchLabels"));
        final Map<String, Object> master = kind("Deployment");
        assertThat((Map<String, Object>)at(master, "spec", "template", "metadata", "labels"))
            .containsAllEntriesOf(at(master, "spec", "selector", "matchLabels"));
    }

    @Test
    void shouldRunTheLabsImageWithoutARegistry()
    {
        for (final String kind : List.of("StatefulSet", "Deployment"))
        {
            final Map<String, Object> c = container(kind(kind));
            assertThat((String)at(c, "image")).as(kind).isEqualTo("hearsay-node:latest");
            assertThat((String)at(c, "imagePullPolicy")).as(kind).isEqualTo("Never");
        }
        assertThat((List<Object>)at(container(kind("StatefulSet")), "securityContext", "capabilities", "add"))
            .contains("NET_ADMIN");
    }

    @Test
    void shouldStartDaemonsTheCliAcceptsOnTheServicesPorts()
    {
        final Map<String, Object> workers = kind("StatefulSet");
        final String[] args = args(container(workers), "10.1.2.3");
        final CommandLine.ParseResult daemon = HearsayMain.commandLine().parseArgs(args).subcommand();

        assertThat(daemon.commandSpec().name()).isEqualTo("daemon");
        final String service = at(kind("Service"), "metadata", "name");
        final String seed = daemon.matchedOptionValue("--seeds", "");
        assertThat(seed).isEqualTo(at(workers, "metadata", "name") + "-0." + service + ":" +
            daemon.matchedOptionValue("--port", 0));
        final List<Map<String, Object>> ports = at(kind("Service"), "spec", "ports");
        assertThat(ports).extracting(p -> ((Number)p.get("port")).intValue())
            .containsExactlyInAnyOrder(daemon.matchedOptionValue("--port", 0), daemon.matchedOptionValue("--control-port", 0));
        assertThat(daemon.matchedOptionValue("--bind", "")).isEqualTo("10.1.2.3");
        final List<Map<String, Object>> env = at(container(workers), "env");
        assertThat(env).anySatisfy(e -> assertThat(e.get("name")).isEqualTo("POD_IP"));
    }

    @Test
    void shouldPointTheMasterAtEveryWorkerPod()
    {
        final Map<String, Object> workers = kind("StatefulSet");
        final int replicas = ((Number)at(workers, "spec", "replicas")).intValue();
        final CommandLine.ParseResult master = HearsayMain.commandLine().parseArgs(args(container(kind("Deployment")),
            "")).subcommand();
        final int controlPort = HearsayMain.commandLine().parseArgs(args(container(workers), "10.1.2.3")).subcommand()
            .matchedOptionValue("--control-port", 0);

        assertThat(master.commandSpec().name()).isEqualTo("serve"); // `master` is its alias
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < replicas; i++)
        {
            expected.add(at(workers, "metadata", "name") + "-" + i + "." + at(kind("Service"), "metadata", "name") + ":" +
                controlPort);
        }
        assertThat(master.matchedOptionValue("--control", List.<String>of())).containsExactlyElementsOf(expected);
    }
}
