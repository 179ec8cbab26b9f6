package io.hearsay.master.fault;

import java.util.EnumSet;
import java.util.Set;

/** The faults the master can make, the layers each can be made in, and the layer used when none is named. */
public enum FaultKind
{
    LOSS(FaultLayer.KERNEL, EnumSet.of(FaultLayer.KERNEL, FaultLayer.DAEMON)),
    DELAY(FaultLayer.DAEMON, EnumSet.of(FaultLayer.KERNEL, FaultLayer.DAEMON)),
    DUPLICATE(FaultLayer.DAEMON, EnumSet.of(FaultLayer.KERNEL, FaultLayer.DAEMON)),
    REORDER(FaultLayer.DAEMON, EnumSet.of(FaultLayer.KERNEL, FaultLayer.DAEMON)),
    BANDWIDTH(FaultLayer.KERNEL, EnumSet.of(FaultLayer.KERNEL)),
    PARTITION(FaultLayer.KERNEL, EnumSet.of(FaultLayer.KERNEL, FaultLayer.DAEMON)),
    SLEEP(FaultLayer.DAEMON, EnumSet.of(FaultLayer.DAEMON, FaultLayer.PROCESS)),
    PAUSE(FaultLayer.PROCESS, EnumSet.of(FaultLayer.PROCESS)),
    UNPAUSE(FaultLayer.PROCESS, EnumSet.of(FaultLayer.PROCESS)),
    KILL(FaultLayer.PROCESS, EnumSet.of(FaultLayer.PROCESS)),
    CRASH(FaultLayer.DAEMON, EnumSet.of(FaultLayer.DAEMON)),
    LEAVE(FaultLayer.DAEMON, EnumSet.of(FaultLayer.DAEMON)),
    RESTART(FaultLayer.PROCESS, EnumSet.of(FaultLayer.PROCESS)),
    HEAL(FaultLayer.KERNEL, EnumSet.allOf(FaultLayer.class));

    private final FaultLayer defaultLayer;
    private final Set<FaultLayer> layers;

    FaultKind(final FaultLayer defaultLayer, final Set<FaultLayer> layers)
    {
        this.defaultLayer = defaultLayer;
        this.layers = layers;
    }

    public String cliName()
    {
        return name().toLowerCase();
    }

    public FaultLayer defaultLayer()
    {
        return defaultLayer;
    }

    /** the layer to use: {@code requested} when given (checked), else the default */
    public FaultLayer layer(final FaultLayer requested)
    {
        if (requested == null)
        {
            return defaultLayer;
        }
        if (!layers.contains(requested))
        {
            throw new IllegalArgumentException("fault " + cliName() + " cannot be made in layer " + requested.cliName() +
                "; accepted: " + names(layers));
        }
        return requested;
    }

    private static String names(final Set<FaultLayer> layers)
    {
        final StringBuilder s = new StringBuilder();
        for (final FaultLayer layer : layers)
        {
            s.append(s.length() == 0 ? "" : ", ").append(layer.cliName());
        }
        return s.toString();
    }
}
