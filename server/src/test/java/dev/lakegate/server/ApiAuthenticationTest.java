package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.lakegate.auth.AuthSettings;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.auth.token.TokenIssuer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The upload API's token check over HTTPS ({@code contract.md} §2, §4), and changes made by an
 * administrator through a second instance on the same data directory (the CLI's path) taking
 * effect on the next request to the running server.
 */
class ApiAuthenticationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNIPART = "/prod/upload/unipart?md5=" + UploadFlowTest.encode("XrY7u+Ae7tCTyyK7j1rNww==");

  @RegisterExtension
  final TestServer server = TestServer.withDefaults();

  @Test
  void requestWithoutTokenGets401() {
    HttpResponse<String> response = server.get(UNIPART);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
  }

  @Test
  void garbageTokenGets401() {
    assertThat(server.get(UNIPART, "Authorization", "Bearer not.a.jwt").statusCode()).isEqualTo(401);
  }

  @Test
  void bareTokenIsAcceptedAsApiGatewayDoes() {
    assertThat(server.get(UNIPART, "Authorization", server.accessToken()).statusCode()).isEqualTo(200);
  }

  @Test
  void validTokenWithoutUploadScopeGets403() {
    AuthorizationServer admin = secondInstance();
    String token = new TokenIssuer(admin.keys(), server.baseUrl(), Clock.systemUTC(), new SecureRandom())
        .issue(admin.clients().byName("demo-client").orElseThrow(), "openid", Duration.ofMinutes(5)).reveal();

    HttpResponse<String> response = server.get(UNIPART, "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void disablingClientRejectsItsTokenOnNextRequest() {
    String token = server.accessToken();
    assertThat(server.get(UNIPART, "Authorization", token).statusCode()).isEqualTo(200);

    secondInstance().clients().disable("demo-client");

    assertThat(server.get(UNIPART, "Authorization", token).statusCode()).isEqualTo(401);
    ClientCredentials client = server.credentials();
    assertThat(server.postToken("grant_type=client_credentials", "Authorization", TestServer.basic(client.clientId(), client.clientSecret().reveal()))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void rotatedSecretReplacesOldOneOnNextRequest() {
    ClientCredentials old = server.credentials();

    ClientCredentials rotated = secondInstance().clients().rotateSecret("demo-client").orElseThrow();

    assertThat(server.postToken("grant_type=client_credentials", "Authorization", TestServer.basic(old.clientId(), old.clientSecret().reveal()))
        .statusCode()).isEqualTo(401);
    assertThat(server.postToken("grant_type=client_credentials", "Authorization", TestServer.basic(rotated.clientId(), rotated.clientSecret().reveal()))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void restartKeepsClientIdsAndSecrets() {
    ClientCredentials client = server.credentials();

    server.restart();

    assertThat(server.server().createdClients()).isEmpty();
    assertThat(server.postToken("grant_type=client_credentials", "Authorization", TestServer.basic(client.clientId(), client.clientSecret().reveal()))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void tokenVerifiesWithStandardLibraryThroughDiscoveredJwks() throws Exception {
    JsonNode discovery = JSON.readTree(server.get("/.well-known/openid-configuration").body());
    assertThat(discovery.get("issuer").asText()).isEqualTo(server.baseUrl().toString());
    assertThat(discovery.get("token_endpoint").asText()).isEqualTo(server.baseUrl() + "/oauth2/token");
    String jwks = server.send(java.net.http.HttpRequest.newBuilder(URI.create(discovery.get("jwks_uri").asText())).build()).body();

    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier((type, context) -> { });
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(JWKSet.parse(jwks))));
    JWTClaimsSet claims = processor.process(server.accessToken(), null);

    assertThat(claims.getIssuer()).isEqualTo(server.baseUrl().toString());
    assertThat(claims.getStringClaim("client_id")).isEqualTo(server.credentials().clientId());
    assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
    assertThat(claims.getStringClaim("scope")).isEqualTo("m2m-api/m2m-custom");
  }

  /** What the CLI does: the authorization server opened again over the running server's data directory. */
  private AuthorizationServer secondInstance() {
    return AuthorizationServer.open(new AuthSettings(server.dataDir(), server.baseUrl(), server.config().api().appClients(),
        Clock.systemUTC(), Map.of(), new SecureRandom(), SigningKeys.Policy.DEFAULT_ROTATION_AGE));
  }
}
