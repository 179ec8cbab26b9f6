/** {@code ./hearsay demo}: the main job in one command (a real cluster, an event, its curves, a scaling report). */
package io.hearsay.master.demo;
