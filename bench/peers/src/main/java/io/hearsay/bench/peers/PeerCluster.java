package io.hearsay.bench.peers;

/**
 * One system's cluster of N members in this JVM, as the trial drives it. Members are numbered 0 .. N−1; member 0 is
 * the seed the others join through. Deliveries and removals are reported to the {@link Observations} given at start.
 */
public interface PeerCluster extends AutoCloseable
{
    /** start every member (member 0 first, the rest joining through it) */
    void start(TrialSettings settings, Observations observations) throws Exception;

    /** the smallest number of members (itself included) that a member not crashed holds alive */
    int smallestView();

    /** a user event with this payload, created at member {@code source} */
    void broadcast(int source, String payload) throws Exception;

    /** stop member {@code node} abruptly: no leave message, its sockets closed */
    void crash(int node) throws Exception;

    /** whether every member but {@code victim} no longer holds it alive */
    boolean removedByAll(int victim);

    /** the configuration each member runs with, as the system names it, for the record */
    String configuration();

    @Override
    void close() throws Exception;
}
