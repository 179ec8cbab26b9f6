package io.hearsay.daemon.app;

import io.hearsay.spi.GossipApplication;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The applications found in a plugins folder: every {@code *.jar} in it goes on one class loader (parent:
 * the daemon's class loader, which provides the SPI), and {@link ServiceLoader} lists the
 * {@link GossipApplication} providers whose classes are in those JARs (loaded child-first, see
 * {@link PluginClassLoader}; applications merely on the daemon's class path are not hosted). {@link #newInstances()} makes one fresh instance of each for a hosted node.
 * The folder's {@code apps.properties}, if present, configures the applications; its key {@code apps} (a comma
 * list of application names, or {@code all}, the default) chooses which are hosted.
 */
public final class PluginCatalog implements AutoCloseable
{
    public static final String PROPERTIES_FILE = "apps.properties";
    public static final String ENABLED_KEY = "apps";

    private final List<ServiceLoader.Provider<GossipApplication>> providers;
    private final Map<String, String> properties;
    private final URLClassLoader classLoader;
    private final List<Path> jars;

    private PluginCatalog(
        final List<ServiceLoader.Provider<GossipApplication>> providers, final Map<String, String> properties,
        final URLClassLoader classLoader, final List<Path> jars)
    {
        this.providers = providers;
        this.properties = properties;
        this.classLoader = classLoader;
        this.jars = jars;
    }

    /**
     * Load the plugins of a folder.
     *
     * @throws IllegalArgumentException if the folder does not exist, naming it
     */
    public static PluginCatalog load(final Path pluginsDir)
    {
        if (!Files.isDirectory(pluginsDir))
        {
            throw new IllegalArgumentException(
                "plugins folder '" + pluginsDir + "' does not exist or is not a folder; accepted: a folder of application JARs");
        }
        final List<Path> jars;
        try (Stream<Path> files = Files.list(pluginsDir))
        {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list plugins folder " + pluginsDir, ex);
        }
        final URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++)
        {
            try
            {
                urls[i] = jars.get(i).toUri().toURL();
            }
            catch (final MalformedURLException ex)
            {
                throw new IllegalArgumentException("plugin JAR path '" + jars.get(i) + "' is not usable", ex);
            }
        }
        final URLClassLoader loader = new PluginClassLoader(urls, GossipApplication.class.getClassLoader());
        final List<ServiceLoader.Provider<GossipApplication>> providers =
            ServiceLoader.load(GossipApplication.class, loader).stream()
                .filter(p -> p.type().getClassLoader() == loader)
                .collect(Collectors.toList());
        return new PluginCatalog(providers, readProperties(pluginsDir.resolve(PROPERTIES_FILE)), loader, jars);
    }

    /**
     * The applications on the daemon's own class path (for demos and tests; a daemon hosts its plugins folder's).
     */
    public static PluginCatalog classPath()
    {
        final List<ServiceLoader.Provider<GossipApplication>> providers =
            ServiceLoader.load(GossipApplication.class, GossipApplication.class.getClassLoader()).stream()
                .collect(Collectors.toList());
        return new PluginCatalog(providers, Map.of(), null, List.of());
    }

    /** The JARs found. */
    public List<Path> jars()
    {
        return jars;
    }

    /** The application classes found, in ServiceLoader order. */
    public List<Class<? extends GossipApplication>> types()
    {
        return providers.stream().map(ServiceLoader.Provider::type).collect(Collectors.toList());
    }

    /** The folder's {@code apps.properties} (empty if absent). */
    public Map<String, String> properties()
    {
        return properties;
    }

    /** One fresh instance of every enabled application, for one hosted node. */
    public List<GossipApplication> newInstances()
    {
        final String enabled = properties.getOrDefault(ENABLED_KEY, System.getProperty("hearsay.app." + ENABLED_KEY, "all"));
        final Set<String> names = Stream.of(enabled.split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        final List<GossipApplication> apps = new ArrayList<>();
        for (final ServiceLoader.Provider<GossipApplication> provider : providers)
        {
            final GossipApplication app = provider.get();
            if (names.contains("all") || names.contains(app.name().toLowerCase(Locale.ROOT)))
            {
                apps.add(app);
            }
        }
        return apps;
    }

    private static Map<String, String> readProperties(final Path file)
    {
        final Map<String, String> map = new HashMap<>();
        if (Files.isRegularFile(file))
        {
            final Properties props = new Properties();
            try (InputStream in = Files.newInputStream(file))
            {
                props.load(in);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read " + file, ex);
            }
            props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        }
        return Map.copyOf(map);
    }

    @Override
    public void close()
    {
        try
        {
            if (null != classLoader)
            {
                classLoader.close();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
