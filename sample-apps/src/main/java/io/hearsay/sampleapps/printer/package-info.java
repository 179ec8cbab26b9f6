/** Prints this node's membership changes, one line each. */
package io.hearsay.sampleapps.printer;
