package io.hearsay.bench.macro;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where one hosted node's heap goes: walks the object graph from one node's root, skipping every object also
 * reachable from another node's root (shared: configuration, transport, clock, sinks), and sums estimated shallow
 * sizes (compressed oops: 12-byte object header, 16-byte array header, 8-byte alignment) by the path of field
 * names through which each object was first reached, cut at {@code depth} fields. JDK objects other than arrays are
 * counted but not entered.
 */
final class HeapBreakdown
{
    private HeapBreakdown()
    {
    }

    static Map<String, Long> of(final Object root, final Object otherRoot, final int depth)
    {
        final Set<Object> shared = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(otherRoot, shared, null, depth);
        final Map<String, Long> bytesByPath = new TreeMap<>();
        walk(root, shared, bytesByPath, depth);
        return bytesByPath;
    }

    private record Item(Object object, String path, int depth)
    {
    }

    private static void walk(final Object root, final Set<Object> shared, final Map<String, Long> bytesByPath, final int maxDepth)
    {
        final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final ArrayDeque<Item> queue = new ArrayDeque<>();
        queue.add(new Item(root, "", 0));
        seen.add(root);
        while (!queue.isEmpty())
        {
            final Item item = queue.poll();
            final Object object = item.object();
            if (bytesByPath == null)
            {
                shared.add(object);
            }
            else
            {
                bytesByPath.merge(item.path().isEmpty() ? "(root)" : item.path(), shallowBytes(object), Long::sum);
            }
            final Class<?> type = object.getClass();
            if (type.isArray())
            {
                if (!type.getComponentType().isPrimitive())
                {
                    for (int i = 0, n = Array.getLength(object); i < n; i++)
                    {
                        offer(Array.get(object, i), item, "[]", maxDepth, seen, shared, bytesByPath, queue);
                    }
                }
                continue;
            }
            if (isJdk(type))
            {
                continue;
            }
            for (final Field field : instanceFields(type))
            {
                if (field.getType().isPrimitive())
                {
                    continue;
                }
                try
                {
                    field.setAccessible(true);
                    offer(field.get(object), item, field.getName(), maxDepth, seen, shared, bytesByPath, queue);
                }
                catch (final RuntimeException | IllegalAccessException ex)
                {
                    // inaccessible: counted where reached, not entered
                }
            }
        }
    }

    private static void offer(
        final Object child, final Item parent, final String name, final int maxDepth, final Set<Object> seen,
        final Set<Object> shared, final Map<String, Long> bytesByPath, final ArrayDeque<Item> queue)
    {
        if (child == null || seen.contains(child) || (bytesByPath != null && shared.contains(child)) ||
            child instanceof Class || child instanceof ClassLoader || child instanceof Thread)
        {
            return;
        }
        seen.add(child);
        final String path = parent.depth() >= maxDepth ? parent.path() :
            (parent.path().isEmpty() ? name : parent.path() + "." + name);
        queue.add(new Item(child, path, Math.min(maxDepth, parent.depth() + 1)));
    }

    private static boolean isJdk(final Class<?> type)
    {
        final String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("sun.") || name.startsWith("jdk.");
    }

    private static List<Field> instanceFields(final Class<?> type)
    {
        final List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass())
        {
            for (final Field field : c.getDeclaredFields())
            {
                if (!Modifier.isStatic(field.getModifiers()))
                {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    static long shallowBytes(final Object object)
    {
        final Class<?> type = object.getClass();
        if (type.isArray())
        {
            final Class<?> component = type.getComponentType();
            return align(16L + (long)Array.getLength(object) * bytes(component));
        }
        long size = 12;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass())
        {
            for (final Field field : c.getDeclaredFields())
            {
                if (!Modifier.isStatic(field.getModifiers()))
                {
                    size += bytes(field.getType());
                }
            }
        }
        return align(size);
    }

    private static int bytes(final Class<?> type)
    {
        if (type == long.class || type == double.class)
        {
            return 8;
        }
        if (type == int.class || type == float.class)
        {
            return 4;
        }
        if (type == short.class || type == char.class)
        {
            return 2;
        }
        if (type == byte.class || type == boolean.class)
        {
            return 1;
        }
        return 4;
    }

    private static long align(final long bytes)
    {
        return (bytes + 7) & ~7L;
    }
}
