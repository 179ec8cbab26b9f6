package io.hearsay.daemon.app;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads a plugins folder's JARs child-first, so that an application's classes come from its JAR even when the same
 * classes are on the daemon's class path (the launcher's jar carries the sample applications). The SPI, Agrona and
 * the JDK always come from the parent, so plugin and daemon agree on the interfaces.
 */
final class PluginClassLoader extends URLClassLoader
{
    private static final String[] PARENT_FIRST = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "io.hearsay.spi.", "org.agrona." };

    static
    {
        registerAsParallelCapable();
    }

    PluginClassLoader(final URL[] urls, final ClassLoader parent)
    {
        super("hearsay-plugins", urls, parent);
    }

    @Override
    protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException
    {
        for (final String prefix : PARENT_FIRST)
        {
            if (name.startsWith(prefix))
            {
                return super.loadClass(name, resolve);
            }
        }
        synchronized (getClassLoadingLock(name))
        {
            Class<?> type = findLoadedClass(name);
            if (null == type)
            {
                try
                {
                    type = findClass(name);
                }
                catch (final ClassNotFoundException ex)
                {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve)
            {
                resolveClass(type);
            }
            return type;
        }
    }
}
