package io.hearsay.sim.scenario;

/**
 * What one {@link ScenarioAction} does in the simulator; {@link Scenario} compiles the fault grammar's lines into
 * these. {@link #word()} is the grammar's fault word (several kinds come from one word: {@code loss p=} is
 * {@link #LOSS}, {@code loss ge=} {@link #LOSS_GE}, {@code loss nodes=} {@link #DROP_IN} or {@link #DROP_OUT}).
 */
public enum Fault
{
    LOSS("loss"),
    LOSS_GE("loss"),
    LATENCY("delay"),
    DUPLICATE("duplicate"),
    REORDER("reorder"),
    /** nodes join a named group (a partition's side), no fault by itself */
    GROUP("group"),
    PARTITION("partition"),
    PARTITION_ONEWAY("partition"),
    HEAL("heal"),
    DROP_IN("loss"),
    DROP_OUT("loss"),
    CRASH("crash"),
    SLEEP("sleep"),
    LEAVE("leave"),
    RESTART("restart");

    private final String word;

    Fault(final String word)
    {
        this.word = word;
    }

    /** the fault grammar's word for it */
    public String word()
    {
        return word;
    }
}
