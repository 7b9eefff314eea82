package dev.lakegate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lakegate.auth.AuthorizationServer;
import io.javalin.config.RoutesConfig;
import java.util.Objects;

/**
 * {@code GET /.well-known/openid-configuration} and the JWKS it names, {@code GET
 * /.well-known/jwks.json} ({@code contract.md} §2), so any standard JWT library can find the
 * issuer's keys. The JWKS is read on each request, so a rotated key is published at once.
 */
public final class DiscoveryEndpoints {
  private final AuthorizationServer auth;

  public DiscoveryEndpoints(AuthorizationServer auth) {
    this.auth = Objects.requireNonNull(auth, "auth");
  }

  public void mount(RoutesConfig routes) throws JsonProcessingException {
    String discovery = ResponseJson.write(auth.discovery());
    routes.get(AuthorizationServer.DISCOVERY_PATH, ctx -> ctx.contentType(ErrorBody.CONTENT_TYPE).result(discovery));
    routes.get(AuthorizationServer.JWKS_PATH, ctx -> ctx.contentType(ErrorBody.CONTENT_TYPE).result(auth.jwksJson()));
  }
}
