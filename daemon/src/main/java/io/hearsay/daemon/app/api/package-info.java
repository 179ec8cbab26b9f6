/**
 * The local API: HTTP + JSON on loopback ({@code com.sun.net.httpserver}), one server per process, so that a
 * program in any language can broadcast, list members, send requests, answer requests and receive events,
 * data and membership changes (long-poll or server-sent events) with only its standard library.
 */
package io.hearsay.daemon.app.api;
