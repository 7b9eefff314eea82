package dev.lakegate.auth.token;

import dev.lakegate.auth.client.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token request as the OAuth layer sees it (RFC 6749 §4.4.2), built by {@link #fromHttp} from
 * the {@code Authorization} header and the form parameters the edge decoded. Parsing only: a
 * request that breaks the protocol's syntax carries the reason in {@link #malformed()}, and {@link
 * ClientCredentialsGrant} decides what to answer.
 *
 * @param credentials the client authentication, when exactly one method was used correctly
 * @param basicAttempted an {@code Authorization} header was sent, so a refusal for {@code
 *     invalid_client} must carry {@code WWW-Authenticate} (RFC 6749 §5.2)
 * @param malformed why the request is an {@code invalid_request}, for the log
 */
public record TokenRequest(
    Optional<String> grantType,
    Optional<String> scope,
    Optional<PresentedCredentials> credentials,
    boolean basicAttempted,
    Optional<String> malformed) {

  private static final List<String> SINGLE_VALUED = List.of("grant_type", "scope", "client_id", "client_secret");

  public TokenRequest {
    Objects.requireNonNull(grantType, "grantType");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(malformed, "malformed");
  }

  /**
   * Reads a token request.
   *
   * @param authorization the {@code Authorization} header, if sent
   * @param form the decoded {@code application/x-www-form-urlencoded} body, each name with every
   *     value it was given
   */
  public static TokenRequest fromHttp(Optional<String> authorization, Map<String, List<String>> form) {
    boolean basic = authorization.isPresent();
    for (String name : SINGLE_VALUED) {
      if (form.getOrDefault(name, List.of()).size() > 1) {
        // RFC 6749 §3.2: parameters must not be included more than once.
        return malformed(basic, "parameter " + name + " given more than once");
      }
    }
    Optional<String> clientId = single(form, "client_id");
    Optional<String> clientSecret = single(form, "client_secret");
    Optional<PresentedCredentials> credentials;
    if (authorization.isPresent()) {
      Optional<PresentedCredentials> fromHeader = basicCredentials(authorization.get());
      if (fromHeader.isEmpty()) {
        return malformed(true, "Authorization header is not valid HTTP Basic");
      }
      if (clientSecret.isPresent()) {
        // RFC 6749 §2.3: a client must not use more than one authentication method.
        return malformed(true, "both HTTP Basic and client_secret in the body");
      }
      if (clientId.isPresent() && !clientId.get().equals(fromHeader.get().clientId())) {
        return malformed(true, "client_id in the body differs from the HTTP Basic user");
      }
      credentials = fromHeader;
    } else if (clientSecret.isPresent()) {
      if (clientId.isEmpty()) {
        return malformed(false, "client_secret without client_id");
      }
      credentials = Optional.of(new PresentedCredentials(
          ClientAuthMethod.CLIENT_SECRET_POST, clientId.get(), new Secret(clientSecret.get())));
    } else {
      credentials = Optional.empty();
    }
    return new TokenRequest(single(form, "grant_type"), single(form, "scope"), credentials, basic, Optional.empty());
  }

  private static TokenRequest malformed(boolean basic, String reason) {
    return new TokenRequest(Optional.empty(), Optional.empty(), Optional.empty(), basic, Optional.of(reason));
  }

  private static Optional<String> single(Map<String, List<String>> form, String name) {
    List<String> values = form.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Decodes {@code Basic base64(urlencode(id) ":" urlencode(secret))}: RFC 6749 §2.3.1 has the
   * client form-urlencode both parts before the Basic encoding (RFC 7617), so they are decoded
   * after splitting at the first colon.
   */
  private static Optional<PresentedCredentials> basicCredentials(String header) {
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    if (space < 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(trimmed.substring(space + 1).strip()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        return Optional.empty();
      }
      String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
      String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
      return Optional.of(new PresentedCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, id, new Secret(secret)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
