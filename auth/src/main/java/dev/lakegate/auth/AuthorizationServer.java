package dev.lakegate.auth;

import dev.lakegate.auth.client.AppClientRegistry;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.client.SecretHasher;
import dev.lakegate.auth.key.MasterKey;
import dev.lakegate.auth.key.RsaSigning;
import dev.lakegate.auth.key.SecretEnvelope;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.auth.store.DataDirectory;
import dev.lakegate.auth.token.ClientAuthMethod;
import dev.lakegate.auth.token.ClientCredentialsGrant;
import dev.lakegate.auth.token.Scopes;
import dev.lakegate.auth.token.TokenIssuer;
import dev.lakegate.auth.token.TokenRequest;
import dev.lakegate.auth.token.TokenResult;
import dev.lakegate.auth.token.TokenVerifier;
import dev.lakegate.auth.token.Verification;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone authorization server ({@code contract.md} §2): app clients, the token endpoint's
 * decision, the verifier of the upload API, the JWKS and discovery documents, all over one data
 * directory and one master key. It knows nothing of HTTP: the edge parses requests into {@link
 * TokenRequest} and header values, and renders the results. The CLI opens the same state to
 * administer clients and keys; every change is seen by a running server on its next request.
 */
public final class AuthorizationServer {
  /** Path of the token endpoint under the issuer. */
  public static final String TOKEN_PATH = "/oauth2/token";
  /** Path of the JWKS under the issuer. */
  public static final String JWKS_PATH = "/.well-known/jwks.json";
  /** Path of the discovery document under the issuer. */
  public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

  private final AuthSettings settings;
  private final MasterKey masterKey;
  private final AppClientRegistry clients;
  private final SigningKeys keys;
  private final ClientCredentialsGrant grant;
  private final TokenVerifier verifier;

  private AuthorizationServer(AuthSettings settings, DataDirectory dir, MasterKey masterKey) {
    this.settings = settings;
    this.masterKey = masterKey;
    this.clients = new AppClientRegistry(dir, new SecretHasher(masterKey), settings.appClients(), settings.clock(),
        settings.random());
    this.keys = new SigningKeys(dir, new SecretEnvelope(masterKey), settings.clock(), settings.random(),
        new SigningKeys.Policy(settings.keyRotationAge(), retention(settings)),
        RsaSigning.fromEnvironment(settings.environment()));
    this.grant = new ClientCredentialsGrant(clients,
        new TokenIssuer(keys, settings.issuer(), settings.clock(), settings.random()));
    this.verifier = new TokenVerifier(keys, clients, settings.issuer(), settings.clock());
  }

  /**
   * Opens the state in the data directory as the server does, creating the directory and the
   * master key file when needed and changing nothing else; the server then calls {@link
   * #initialize()}.
   *
   * @throws dev.lakegate.auth.store.AuthStateException when the master key or a state file is unusable
   */
  public static AuthorizationServer open(AuthSettings settings) {
    DataDirectory dir = DataDirectory.open(settings.dataDir());
    return new AuthorizationServer(settings, dir, MasterKey.load(settings.environment(), dir, settings.random()));
  }

  /**
   * Opens the state for administration (the CLI): as {@link #open}, but the master key must
   * already exist, from the environment or the key file, so a command run without the server's
   * key fails clearly instead of creating a second one.
   *
   * @throws dev.lakegate.auth.store.AuthStateException when there is no master key, or it or a
   *     state file is unusable
   */
  public static AuthorizationServer openExisting(AuthSettings settings) {
    DataDirectory dir = DataDirectory.open(settings.dataDir());
    return new AuthorizationServer(settings, dir, MasterKey.loadExisting(settings.environment(), dir));
  }

  /**
   * Prepares for serving: creates the configured clients not yet stored, deletes stored clients
   * no longer configured, and makes sure an active signing key exists.
   *
   * @return the credentials of the clients created now, to be shown once
   */
  public List<ClientCredentials> initialize() {
    List<ClientCredentials> created = clients.synchronize();
    keys.active();
    return created;
  }

  /** Decides a token request: a signed token, or a refusal per RFC 6749 §5.2. */
  public TokenResult token(TokenRequest request) {
    return grant.decide(request);
  }

  /** Checks the {@code Authorization} header of an upload-API request. */
  public Verification verify(Optional<String> authorization) {
    return verifier.verify(authorization);
  }

  /** The JWKS document with every published public key. */
  public String jwksJson() {
    return keys.jwksJson();
  }

  /** The discovery document served at {@value #DISCOVERY_PATH}, in field order. */
  public Map<String, Object> discovery() {
    String issuer = settings.issuer().toString();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer);
    document.put("token_endpoint", issuer + TOKEN_PATH);
    document.put("jwks_uri", issuer + JWKS_PATH);
    document.put("grant_types_supported", List.of(ClientCredentialsGrant.GRANT_TYPE));
    document.put("token_endpoint_auth_methods_supported",
        Arrays.stream(ClientAuthMethod.values()).map(ClientAuthMethod::wireName).toList());
    document.put("scopes_supported", Scopes.ALL);
    document.put("response_types_supported", List.of("token"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    return java.util.Collections.unmodifiableMap(document);
  }

  /** The app clients, for administration. */
  public AppClientRegistry clients() {
    return clients;
  }

  /** The signing keys, for administration. */
  public SigningKeys keys() {
    return keys;
  }

  /**
   * What signs tokens: {@code OpenSSL} or {@code Conscrypt} (native), or the JDK's
   * {@code SunRsaSign} (see {@link RsaSigning}); the server's start can log it.
   */
  public String signatureProvider() {
    return keys.signatureProvider();
  }

  /** The master key, from which the server derives its other keys (e.g. the lake's presigning key). */
  public MasterKey masterKey() {
    return masterKey;
  }

  /** The issuer, the server's public base URL. */
  public URI issuer() {
    return settings.issuer();
  }

  private static Duration retention(AuthSettings settings) {
    int longestMinutes = settings.appClients().values().stream()
        .mapToInt(c -> c.accessTokenValidityMinutes())
        .max()
        .orElse(dev.lakegate.core.config.AppClientSettings.DEFAULT_ACCESS_TOKEN_VALIDITY_MINUTES);
    return Duration.ofMinutes(longestMinutes).plus(TokenVerifier.CLOCK_SKEW);
  }
}
