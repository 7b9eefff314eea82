package dev.lakegate.server.filter;

import java.util.Objects;

/**
 * What the network filter decided for one request.
 *
 * @param allowed whether the request may go on
 * @param sourceIp the address the decision was made on (the peer, or the client behind trusted
 *     proxies), as {@code identity.sourceIp} and the logs show it
 */
public record FilterDecision(boolean allowed, String sourceIp) {
  public FilterDecision {
    Objects.requireNonNull(sourceIp, "sourceIp");
  }
}
