package dev.lakegate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.testing.MutableClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.token.TokenRequest;
import dev.lakegate.auth.token.TokenResult.Granted;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizationServerTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.atFixedStart();

  @Test
  void firstStartReturnsCredentialsOnceAndRestartKeepsThemValid() {
    ClientCredentials created = TestAuth.settings(dir, clock).open().initialize().get(0);

    AuthorizationServer restarted = TestAuth.settings(dir, clock).open();

    assertThat(restarted.initialize()).isEmpty();
    assertThat(restarted.token(TokenRequest.fromHttp(Optional.empty(), Map.of(
        "grant_type", List.of("client_credentials"), "client_id", List.of(created.clientId()),
        "client_secret", List.of(created.clientSecret().reveal())))))
        .isInstanceOf(Granted.class);
  }

  @Test
  void tokensVerifyWithAStandardJwtLibraryAgainstThePublishedJwks() throws Exception {
    AuthorizationServer server = TestAuth.settings(dir, clock).open();
    ClientCredentials partner = server.initialize().get(0);
    Granted granted = (Granted) server.token(TokenRequest.fromHttp(Optional.empty(), Map.of(
        "grant_type", List.of("client_credentials"), "client_id", List.of(partner.clientId()),
        "client_secret", List.of(partner.clientSecret().reveal()))));

    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
        new ImmutableJWKSet<>(JWKSet.parse(server.jwksJson()))));
    processor.setJWTClaimsSetVerifier((claims, context) -> { });
    JWTClaimsSet claims = processor.process(granted.accessToken().reveal(), null);

    assertThat(claims.getStringClaim("client_id")).isEqualTo(partner.clientId());
    assertThat(server.jwksJson()).doesNotContain("\"d\"");
  }

  @Test
  void discoveryNamesTheEndpointsMethodsAndAlgorithm() {
    Map<String, Object> discovery = TestAuth.settings(dir, clock).open().discovery();

    assertThat(discovery)
        .containsEntry("issuer", "https://lakegate.test:8443")
        .containsEntry("token_endpoint", "https://lakegate.test:8443/oauth2/token")
        .containsEntry("jwks_uri", "https://lakegate.test:8443/.well-known/jwks.json")
        .containsEntry("grant_types_supported", List.of("client_credentials"))
        .containsEntry("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"))
        .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"));
  }

  @Test
  void settingsPrintNoEnvironment() {
    AuthSettings settings = TestAuth.settings(dir, clock).build();

    assertThat(settings.toString()).doesNotContain(TestAuth.masterKeyEnvironment().values().iterator().next());
  }
}
