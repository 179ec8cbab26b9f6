package io.hearsay.daemon.control;

import io.hearsay.wire.sbe.BlockDirection;
import io.hearsay.wire.sbe.ControlCommand;

/** Carries out control commands; called on the duty-cycle thread by {@link ControlPoller}. */
@FunctionalInterface
public interface ControlHandler
{
    /**
     * Execute one command and answer through {@code responder}: exactly one {@link ControlResponder#ack} for every
     * command, preceded for REPORT by the node reports and for STATUS replaced by one process status.
     */
    void onControl(
        long requestId, ControlCommand command, long nodeAddress, long durationMs, int count,
        BlockDirection direction, long eventOrigin, long eventSequence, String argument, ControlResponder responder);
}
