/** The server's Prometheus metrics: requests by route and status, filter blocks, token outcomes, the JVM. */
@NullMarked
package dev.lakegate.server.metrics;

import org.jspecify.annotations.NullMarked;
