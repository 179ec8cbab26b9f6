/**
 * The event log: every node's EventLearned, membership and statistics records in a Chronicle Queue per process,
 * each an SBE message of {@code hearsay-records-schema.xml} sealed by a CRC32C; the reader reads around damage and
 * says what it lost.
 */
package io.hearsay.records.log;
