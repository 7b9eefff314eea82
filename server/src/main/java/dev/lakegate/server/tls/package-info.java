/** The server's TLS identity ({@code contract.md} §8): a configured PEM certificate, or a self-signed one generated on first start. */
@NullMarked
package dev.lakegate.server.tls;

import org.jspecify.annotations.NullMarked;
