package io.hearsay.daemon.app;

import io.hearsay.spi.GossipApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginCatalogTest
{
    @TempDir
    Path temp;

    @Test
    void shouldFindApplicationsInAJarDroppedIntoThePluginsFolder() throws Exception
    {
        final Path plugins = Files.createDirectories(temp.resolve("plugins"));
        buildPluginJar(plugins.resolve("greeter.jar"), "Greeter", "Counter");

        try (PluginCatalog catalog = PluginCatalog.load(plugins))
        {
            assertThat(catalog.jars()).containsExactly(plugins.resolve("greeter.jar"));
            assertThat(catalog.types()).extracting(Class::getName).containsExactly("demo.Greeter", "demo.Counter");

            final List<GossipApplication> forNodeA = catalog.newInstances();
            final List<GossipApplication> forNodeB = catalog.newInstances();
            assertThat(forNodeA).extracting(GossipApplication::name).containsExactly("greeter", "counter");
            assertThat(forNodeA.get(0)).isNotSameAs(forNodeB.get(0));
            assertThat(forNodeA.get(0).getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
        }
    }

    @Test
    void shouldHostOnlyTheApplicationsNamedInAppsProperties() throws Exception
    {
        final Path plugins = Files.createDirectories(temp.resolve("plugins"));
        buildPluginJar(plugins.resolve("two.jar"), "Greeter", "Counter");
        Files.writeString(plugins.resolve(PluginCatalog.PROPERTIES_FILE), "apps=counter\ncounter.step=3\n");

        try (PluginCatalog catalog = PluginCatalog.load(plugins))
        {
            assertThat(catalog.newInstances()).extracting(GossipApplication::name).containsExactly("counter");
            assertThat(catalog.properties()).containsEntry("counter.step", "3");
        }
    }

    @Test
    void shouldNameTheFolderWhenItDoesNotExist()
    {
        assertThatThrownBy(() -> PluginCatalog.load(temp.resolve("nope")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope").hasMessageContaining("folder");
    }

    /** Compile tiny GossipApplications with the JDK compiler and package them with their services file. */
    private void buildPluginJar(final Path jar, final String... classNames) throws IOException
    {
        final Path src = Files.createDirectories(temp.resolve("src/demo"));
        final Path classes = Files.createDirectories(temp.resolve("classes"));
        final StringBuilder services = new StringBuilder();
        for (final String name : classNames)
        {
            Files.writeString(src.resolve(name + ".java"),
                "package demo;\n" +
                "public class " + name + " implements io.hearsay.spi.GossipApplication {\n" +
                "  public String name() { return \"" + name.toLowerCase() + "\"; }\n" +
                "  public void start(io.hearsay.spi.Cluster cluster) { }\n" +
                "}\n");
            services.append("demo.").append(name).append('\n');
        }
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        final String classPath = Path.of(GossipApplication.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();
        final String[] args = new String[classNames.length + 4];
        args[0] = "-cp";
        args[1] = classPath;
        args[2] = "-d";
        args[3] = classes.toString();
        for (int i = 0; i < classNames.length; i++)
        {
            args[4 + i] = src.resolve(classNames[i] + ".java").toString();
        }
        assertThat(compiler.run(null, null, null, args)).as("javac exit code").isZero();

        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)))
        {
            for (final String name : classNames)
            {
                out.putNextEntry(new JarEntry("demo/" + name + ".class"));
                out.write(Files.readAllBytes(classes.resolve("demo/" + name + ".class")));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + GossipApplication.class.getName()));
            final OutputStream entry = out;
            entry.write(services.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
