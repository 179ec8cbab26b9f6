/**
 * The application SPI of hearsay: what an application JAR implements ({@link io.hearsay.spi.GossipApplication},
 * found by {@link java.util.ServiceLoader}) and the {@link io.hearsay.spi.Cluster} handle it is given.
 * <p>
 * <b>Threading contract.</b> The node runs on one duty-cycle thread that must never block. Application
 * callbacks ({@link io.hearsay.spi.EventListener}, {@link io.hearsay.spi.DataHandler},
 * {@link io.hearsay.spi.MembershipListener}, completions of the futures {@code Cluster} returns) never run on
 * the duty cycle: they run on an application thread, one callback at a time. {@code Cluster} methods may be
 * called from any thread; they queue a command that the duty cycle executes on its next pass. If the
 * application thread falls behind, callbacks beyond the queue's capacity are counted and dropped, never
 * waited for. A callback that blocks delays other applications' callbacks, never the protocol.
 * <p>
 * <b>Size budgets.</b> One message is one UDP datagram of the node's byte budget (1472 B by default). An event
 * payload is at most {@link io.hearsay.spi.Cluster#maxEventPayloadBytes()} (1024 B by default), a data message
 * or a reply at most {@link io.hearsay.spi.Cluster#maxDataBytes()}; bigger ones are refused at the call with a
 * {@link io.hearsay.spi.PayloadTooLargeException} naming both sizes, never truncated.
 */
package io.hearsay.spi;
