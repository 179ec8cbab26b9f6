package io.hearsay.sampleapps;

import io.hearsay.daemon.app.PluginCatalog;
import io.hearsay.spi.GossipApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The module's classes and services file, packed as the plugin JAR would be, are found by the daemon's catalog. */
class DropInPluginTest
{
    @TempDir
    Path temp;

    @Test
    void shouldBeFoundAsADropInPlugin() throws IOException
    {
        final Path plugins = Files.createDirectories(temp.resolve("plugins"));
        final Path classes = Path.of("target", "classes");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve("hearsay-sample-apps.jar")));
            Stream<Path> files = Files.walk(classes))
        {
            for (final Path file : (Iterable<Path>)files.filter(Files::isRegularFile)::iterator)
            {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        Files.writeString(plugins.resolve("apps.properties"), "apps=kv,injector\n");

        try (PluginCatalog catalog = PluginCatalog.load(plugins))
        {
            assertThat(catalog.types()).extracting(Class::getSimpleName)
                .containsExactly("EventInjectorApp", "ReplicatedKvApp", "MembershipPrinterApp");
            final List<GossipApplication> apps = catalog.newInstances();
            assertThat(apps).extracting(GossipApplication::name).containsExactly("injector", "kv");
            assertThat(apps.get(0).getClass()).as("loaded from the dropped-in JAR, not the class path")
                .isNotSameAs(io.hearsay.sampleapps.injector.EventInjectorApp.class);
        }
    }
}
