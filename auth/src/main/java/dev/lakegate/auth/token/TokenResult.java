package dev.lakegate.auth.token;

import dev.lakegate.auth.client.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the token endpoint answers (RFC 6749 §5.1, §5.2): a granted token or a refusal. The edge
 * writes {@link #responseBody()} as JSON with {@link #httpStatus()}, adds {@code Cache-Control:
 * no-store}, and logs the rest. Nothing here prints a token.
 */
public sealed interface TokenResult {

  /** The HTTP status of the answer. */
  int httpStatus();

  /** The JSON body of the answer, in field order. */
  Map<String, Object> responseBody();

  /**
   * A token was issued.
   *
   * @param accessToken the signed JWT; prints as a mask
   * @param scope the granted scopes, space separated
   */
  record Granted(Secret accessToken, long expiresInSeconds, String scope, String clientName, String clientId)
      implements TokenResult {
    public Granted {
      Objects.requireNonNull(accessToken, "accessToken");
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(clientName, "clientName");
      Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public int httpStatus() {
      return 200;
    }

    @Override
    public Map<String, Object> responseBody() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("access_token", accessToken.reveal());
      body.put("token_type", "Bearer");
      body.put("expires_in", expiresInSeconds);
      return java.util.Collections.unmodifiableMap(body);
    }
  }

  /**
   * The request was refused. The caller learns only the error code; the reason is for the log.
   *
   * @param clientId the client id the request named, if any, for the log
   * @param wwwAuthenticate the {@code WWW-Authenticate} value to send, when the client tried HTTP
   *     Basic and the error is {@code invalid_client}
   */
  record Refused(OAuthError error, String reasonForLog, Optional<String> clientId, Optional<String> wwwAuthenticate)
      implements TokenResult {
    public Refused {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(reasonForLog, "reasonForLog");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(wwwAuthenticate, "wwwAuthenticate");
    }

    @Override
    public int httpStatus() {
      return error.httpStatus();
    }

    @Override
    public Map<String, Object> responseBody() {
      return Map.of("error", error.code());
    }
  }
}
