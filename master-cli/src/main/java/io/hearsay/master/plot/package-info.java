/** Headless plots of propagation curves, latency and scaling fits (xchart; PNG, and SVG via VectorGraphics2D). */
package io.hearsay.master.plot;
