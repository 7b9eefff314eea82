package dev.lakegate.auth.token;

import dev.lakegate.auth.client.AppClientRegistry;
import dev.lakegate.auth.client.ClientAuthentication;
import dev.lakegate.auth.client.ClientAuthentication.Authenticated;
import dev.lakegate.auth.client.ClientAuthentication.Denied;
import dev.lakegate.auth.client.Secret;
import dev.lakegate.auth.token.TokenResult.Granted;
import dev.lakegate.auth.token.TokenResult.Refused;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides a {@link TokenRequest} (RFC 6749 §4.4, {@code contract.md} §2): checks its syntax, the
 * client's authentication, the grant type and the scope, in that order, and issues a token or
 * refuses with the RFC's error code. A disabled or removed client is {@code invalid_client}, like
 * an unknown one, so the answer does not tell them apart. No {@code scope} grants every scope the
 * client may have.
 */
public final class ClientCredentialsGrant {
  /** The only grant type the endpoint supports. */
  public static final String GRANT_TYPE = "client_credentials";
  private static final String BASIC_CHALLENGE = "Basic realm=\"lakegate\"";

  private final AppClientRegistry clients;
  private final TokenIssuer issuer;

  public ClientCredentialsGrant(AppClientRegistry clients, TokenIssuer issuer) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
  }

  /** Decides {@code request}: a signed token, or the refusal with its reason for the log. */
  public TokenResult decide(TokenRequest request) {
    Optional<String> clientId = request.credentials().map(PresentedCredentials::clientId);
    if (request.malformed().isPresent()) {
      return refuse(OAuthError.INVALID_REQUEST, request.malformed().get(), request, clientId);
    }
    if (request.grantType().isEmpty()) {
      return refuse(OAuthError.INVALID_REQUEST, "grant_type is missing", request, clientId);
    }
    if (request.credentials().isEmpty()) {
      return refuse(OAuthError.INVALID_CLIENT, "no client authentication", request, clientId);
    }
    PresentedCredentials credentials = request.credentials().get();
    ClientAuthentication authentication = clients.authenticate(credentials.clientId(), credentials.secret());
    if (authentication instanceof Denied denied) {
      return refuse(OAuthError.INVALID_CLIENT, denied.reason().description(), request, clientId);
    }
    Authenticated client = (Authenticated) authentication;
    if (!GRANT_TYPE.equals(request.grantType().get())) {
      return refuse(OAuthError.UNSUPPORTED_GRANT_TYPE, "grant_type is not " + GRANT_TYPE, request, clientId);
    }
    Optional<String> scope = grantedScope(request.scope());
    if (scope.isEmpty()) {
      return refuse(OAuthError.INVALID_SCOPE, "unknown or empty scope requested", request, clientId);
    }
    Duration lifetime = Duration.ofMinutes(client.settings().accessTokenValidityMinutes());
    Secret token = issuer.issue(client.client(), scope.get(), lifetime);
    return new Granted(token, lifetime.toSeconds(), scope.get(), client.client().name(), client.client().clientId());
  }

  private static Optional<String> grantedScope(Optional<String> requested) {
    if (requested.isEmpty()) {
      return Optional.of(String.join(" ", Scopes.ALL));
    }
    Set<String> tokens = Scopes.parse(requested.get());
    if (tokens.isEmpty() || !Scopes.ALL.containsAll(tokens)) {
      return Optional.empty();
    }
    return Optional.of(Scopes.ALL.stream().filter(tokens::contains).collect(Collectors.joining(" ")));
  }

  private static Refused refuse(OAuthError error, String reason, TokenRequest request, Optional<String> clientId) {
    Optional<String> challenge = error == OAuthError.INVALID_CLIENT && request.basicAttempted()
        ? Optional.of(BASIC_CHALLENGE)
        : Optional.empty();
    return new Refused(error, reason, clientId, challenge);
  }
}
