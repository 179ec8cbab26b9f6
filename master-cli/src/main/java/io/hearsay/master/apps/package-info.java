/** Application-side tools of the launcher: an in-memory demo cluster serving the local API. */
package io.hearsay.master.apps;
