/**
 * One definition of each command-line option shared by several commands, as picocli mixins: {@link
 * io.hearsay.master.options.ProtocolOptions} (strategy, timing, fan-out, profile, gossip period), {@link
 * io.hearsay.master.options.SeedOption}, {@link io.hearsay.master.options.IdleOption}; and {@link
 * io.hearsay.master.options.DaemonOptions}, every setting of one daemon process, which is both what {@code ./hearsay
 * daemon}'s options fill and the configuration file ({@code --config}) a parent writes for a child daemon or container.
 */
package io.hearsay.master.options;
