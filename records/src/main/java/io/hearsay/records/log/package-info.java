/** The event log: every node's EventLearned, membership and statistics records in a Chronicle Queue per process. */
package io.hearsay.records.log;
