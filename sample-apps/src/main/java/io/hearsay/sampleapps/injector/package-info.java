/** An event injector for experiments: injects events on command (local API route, data message) or on a schedule. */
package io.hearsay.sampleapps.injector;
