package dev.lakegate.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lakegate.core.testing.MutableClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.TestAuth;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.key.RsaSigning;
import dev.lakegate.auth.token.TokenResult.Granted;
import dev.lakegate.auth.token.TokenResult.Refused;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass
@ValueSource(strings = {"jdk", "conscrypt", "openssl"})
class ClientCredentialsGrantTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atFixedStart();
  private AuthorizationServer server;
  private ClientCredentials partner;

  /** The token signer's provider: every test runs on the JDK's and on Conscrypt's. */
  @Parameter String signing;

  @BeforeEach
  void start() {
    if (signing.equals("conscrypt")) {
      assumeTrue(TestAuth.conscryptShipped(), "Conscrypt ships no native library for this platform");
    }
    if (signing.equals("openssl")) {
      assumeTrue(RsaSigning.of(RsaSigning.Choice.AUTO).providerName().equals(RsaSigning.OPENSSL), "no OpenSSL 3 libcrypto here");
    }
    server = TestAuth.settings(dir, clock).client("partner", 24).signing(signing).open();
    partner = server.initialize().get(0);
  }

  private static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
    }
    return form;
  }

  private static Optional<String> basic(String id, String secret) {
    return Optional.of("Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  private TokenResult postCredentials(String... extra) {
    List<String> pairs = new ArrayList<>(List.of("client_id", partner.clientId(), "client_secret",
        partner.clientSecret().reveal()));
    pairs.addAll(List.of(extra));
    return server.token(TokenRequest.fromHttp(Optional.empty(), form(pairs.toArray(String[]::new))));
  }

  private TokenResult basicAuth(String secret, String... pairs) {
    return server.token(TokenRequest.fromHttp(basic(partner.clientId(), secret), form(pairs)));
  }

  private static OAuthError errorOf(TokenResult result) {
    assertThat(result).isInstanceOf(Refused.class);
    return ((Refused) result).error();
  }

  @Test
  void issuesAnRs256AccessTokenWithCognitosClaims() throws Exception {
    Granted granted = (Granted) basicAuth(partner.clientSecret().reveal(), "grant_type", "client_credentials");

    SignedJWT jwt = SignedJWT.parse(granted.accessToken().reveal());
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    Instant now = clock.instant();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(server.keys().active().kid());
    assertThat(claims.getSubject()).isEqualTo(partner.clientId());
    assertThat(claims.getStringClaim("client_id")).isEqualTo(partner.clientId());
    assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
    assertThat(claims.getStringClaim("scope")).isEqualTo(Scopes.M2M_CUSTOM);
    assertThat(claims.getIssuer()).isEqualTo(TestAuth.ISSUER.toString());
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(24 * 60));
    assertThat(claims.getLongClaim("auth_time")).isEqualTo(now.getEpochSecond());
    assertThat(claims.getJWTID()).matches("[0-9a-f-]{36}");
    assertThat(claims.getLongClaim("version")).isEqualTo(2L);
  }

  @Test
  void signsOnTheChosenProvider() {
    assertThat(basicAuth(partner.clientSecret().reveal(), "grant_type", "client_credentials")).isInstanceOf(Granted.class);

    assertThat(server.signatureProvider()).isEqualTo(switch (signing) {
      case "jdk" -> "SunRsaSign";
      case "conscrypt" -> "Conscrypt";
      default -> RsaSigning.OPENSSL;
    });
  }

  @Test
  void answersWithExpiresInFromTheClientsLifetime() {
    TokenResult result = postCredentials("grant_type", "client_credentials");

    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.responseBody()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 1440L)
        .containsKey("access_token");
    assertThat(((Granted) result).clientName()).isEqualTo("partner");
  }

  @Test
  void everyTokenHasItsOwnJti() throws Exception {
    Granted first = (Granted) postCredentials("grant_type", "client_credentials");
    Granted second = (Granted) postCredentials("grant_type", "client_credentials");

    assertThat(SignedJWT.parse(first.accessToken().reveal()).getJWTClaimsSet().getJWTID())
        .isNotEqualTo(SignedJWT.parse(second.accessToken().reveal()).getJWTClaimsSet().getJWTID());
  }

  @Test
  void grantsTheExplicitlyRequestedScope() {
    TokenResult result = postCredentials("grant_type", "client_credentials", "scope", Scopes.M2M_CUSTOM);

    assertThat(result).isInstanceOfSatisfying(Granted.class, g -> assertThat(g.scope()).isEqualTo(Scopes.M2M_CUSTOM));
  }

  @Test
  void unknownScopeIsInvalidScope() {
    TokenResult result = postCredentials("grant_type", "client_credentials", "scope", Scopes.M2M_CUSTOM + " admin");

    assertThat(errorOf(result)).isEqualTo(OAuthError.INVALID_SCOPE);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.responseBody()).isEqualTo(Map.of("error", "invalid_scope"));
  }

  @Test
  void otherGrantTypeIsUnsupportedGrantType() {
    assertThat(errorOf(postCredentials("grant_type", "password"))).isEqualTo(OAuthError.UNSUPPORTED_GRANT_TYPE);
  }

  @Test
  void missingGrantTypeIsInvalidRequest() {
    assertThat(errorOf(postCredentials())).isEqualTo(OAuthError.INVALID_REQUEST);
  }

  @Test
  void twoAuthenticationMethodsAtOnceAreInvalidRequest() {
    TokenResult result = server.token(TokenRequest.fromHttp(basic(partner.clientId(), partner.clientSecret().reveal()),
        form("grant_type", "client_credentials", "client_id", partner.clientId(), "client_secret",
            partner.clientSecret().reveal())));

    assertThat(errorOf(result)).isEqualTo(OAuthError.INVALID_REQUEST);
  }

  @Test
  void wrongSecretOverBasicIsInvalidClientWithABasicChallenge() {
    TokenResult result = basicAuth("wrong", "grant_type", "client_credentials");

    assertThat(result).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.error()).isEqualTo(OAuthError.INVALID_CLIENT);
      assertThat(r.wwwAuthenticate()).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertThat(r.reasonForLog()).contains("wrong client secret");
    });
    assertThat(result.httpStatus()).isEqualTo(401);
  }

  @Test
  void wrongSecretInTheBodyIsInvalidClientWithoutAChallenge() {
    TokenResult result = server.token(TokenRequest.fromHttp(Optional.empty(),
        form("grant_type", "client_credentials", "client_id", partner.clientId(), "client_secret", "wrong")));

    assertThat(result).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.error()).isEqualTo(OAuthError.INVALID_CLIENT);
      assertThat(r.wwwAuthenticate()).isEmpty();
    });
  }

  @Test
  void unknownClientIsInvalidClient() {
    TokenResult result = server.token(TokenRequest.fromHttp(basic("nosuchclient", partner.clientSecret().reveal()),
        form("grant_type", "client_credentials")));

    assertThat(errorOf(result)).isEqualTo(OAuthError.INVALID_CLIENT);
  }

  @Test
  void noClientAuthenticationIsInvalidClient() {
    TokenResult result = server.token(TokenRequest.fromHttp(Optional.empty(), form("grant_type", "client_credentials")));

    assertThat(errorOf(result)).isEqualTo(OAuthError.INVALID_CLIENT);
  }

  @Test
  void disabledClientIsInvalidClient() {
    server.clients().disable("partner");

    assertThat(errorOf(postCredentials("grant_type", "client_credentials"))).isEqualTo(OAuthError.INVALID_CLIENT);
  }

  @Test
  void clientRemovedFromTheConfigurationIsInvalidClient() {
    AuthorizationServer withoutPartner = TestAuth.settings(dir, clock).withoutClient("partner").client("other", 60).open();

    TokenResult result = withoutPartner.token(TokenRequest.fromHttp(basic(partner.clientId(),
        partner.clientSecret().reveal()), form("grant_type", "client_credentials")));

    assertThat(errorOf(result)).isEqualTo(OAuthError.INVALID_CLIENT);
  }

  @Test
  void oldSecretIsRefusedAfterRotation() {
    ClientCredentials rotated = server.clients().rotateSecret("partner").orElseThrow();

    assertThat(errorOf(postCredentials("grant_type", "client_credentials"))).isEqualTo(OAuthError.INVALID_CLIENT);
    assertThat(basicAuthWith(rotated)).isInstanceOf(Granted.class);
  }

  private TokenResult basicAuthWith(ClientCredentials credentials) {
    return server.token(TokenRequest.fromHttp(basic(credentials.clientId(), credentials.clientSecret().reveal()),
        form("grant_type", "client_credentials")));
  }

  @Test
  void grantedResultPrintsNoToken() {
    Granted granted = (Granted) postCredentials("grant_type", "client_credentials");

    assertThat(granted.toString()).doesNotContain(granted.accessToken().reveal());
  }
}
