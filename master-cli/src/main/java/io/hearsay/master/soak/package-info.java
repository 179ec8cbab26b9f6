/**
 * The churn soak: {@code ./hearsay soak} runs N real nodes on loopback in P daemon processes under churn (crash and
 * fresh-boot restart), datagram loss and periodic events ({@link io.hearsay.master.soak.SoakCommand}, its seeded plan
 * {@link io.hearsay.master.soak.ChurnPlan}) and checks the run from the nodes' event logs
 * ({@link io.hearsay.master.soak.SoakCheck}).
 */
package io.hearsay.master.soak;
