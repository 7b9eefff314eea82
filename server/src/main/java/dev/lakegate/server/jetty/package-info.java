/** Everything that touches Jetty directly: the connector, TLS, the filter in front of all handlers, per-peer connection accounting, Jetty's own error responses and the access log. */
@NullMarked
package dev.lakegate.server.jetty;

import org.jspecify.annotations.NullMarked;
