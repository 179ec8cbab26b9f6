package io.hearsay.bench.peers;

/**
 * One system's members of a trial hosted by this JVM, as the trial shard drives them: the trial's N members are
 * numbered 0 .. N−1 and this JVM hosts {@code settings.first} .. {@code first + count − 1} of them (all N when the
 * system runs in one JVM). Member 0 is the seed the others join through; a JVM that does not host it joins through
 * {@code settings.seedAddress}. Deliveries (by global member number) and removals are reported to the
 * {@link Observations} given at start.
 */
public interface PeerCluster extends AutoCloseable
{
    /** start every member hosted here (member 0 first where it is hosted here, the rest joining through it) */
    void start(TrialSettings settings, Observations observations) throws Exception;

    /** member 0's address as the other JVMs' members are given it ("" where member 0 is not hosted here) */
    String seedAddress();

    /** the smallest number of members (itself included) that a member hosted here and not crashed holds alive */
    int smallestView();

    /** a user event with this payload, created at member {@code source} (hosted here) */
    void broadcast(int source, String payload) throws Exception;

    /** stop member {@code node} (hosted here) abruptly: no leave message, its sockets closed (may return once they are) */
    void crash(int node) throws Exception;

    /** whether every member hosted here but {@code victim} (hosted anywhere) no longer holds it alive */
    boolean removedByAll(int victim);

    /** messages and bytes the members hosted here have sent so far, as counted where each system hands them to its
     *  transport: {messages, bytes} */
    long[] sent();

    /** the configuration each member runs with, as the system names it, for the record */
    String configuration();

    @Override
    void close() throws Exception;
}
