/**
 * The {@code curves} and {@code report} commands: one run folder's propagation curves, plots and summary.json; and
 * the scaling report over many run folders (report.html, report.md, fits.json) with a verdict computed from fits.
 */
package io.hearsay.master.report;
