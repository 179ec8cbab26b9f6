/** Measurements of the application side: duty cycle to application thread hand-off, and the local API. */
package io.hearsay.bench.app;
