package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.auth.client.ClientCredentials;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /oauth2/token} over HTTPS: both client authentication methods and every error of {@code contract.md} §2. */
class TokenEndpointTest {
  @RegisterExtension
  final TestServer server = TestServer.withDefaults();

  @Test
  void issuesTokenForHttpBasic() {
    ClientCredentials client = server.credentials();
    HttpResponse<String> response = server.postToken("grant_type=client_credentials",
        "Authorization", TestServer.basic(client.clientId(), client.clientSecret().reveal()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"access_token\":\"ey").contains("\"token_type\":\"Bearer\"").contains("\"expires_in\":3600");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }

  @Test
  void issuesTokenForSecretInBody() {
    ClientCredentials client = server.credentials();
    HttpResponse<String> response = server.postToken("grant_type=client_credentials&scope=m2m-api%2Fm2m-custom&client_id="
        + client.clientId() + "&client_secret=" + java.net.URLEncoder.encode(client.clientSecret().reveal(), java.nio.charset.StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("access_token");
  }

  @Test
  void wrongSecretWithBasicGets401InvalidClientAndWwwAuthenticate() {
    HttpResponse<String> response = server.postToken("grant_type=client_credentials",
        "Authorization", TestServer.basic(server.credentials().clientId(), "wrong"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_client\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));
  }

  @Test
  void wrongSecretInBodyGets401WithoutWwwAuthenticate() {
    HttpResponse<String> response = server.postToken("grant_type=client_credentials&client_id=" + server.credentials().clientId() + "&client_secret=wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_client\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void unknownGrantTypeGets400UnsupportedGrantType() {
    ClientCredentials client = server.credentials();
    HttpResponse<String> response = server.postToken("grant_type=password",
        "Authorization", TestServer.basic(client.clientId(), client.clientSecret().reveal()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":\"unsupported_grant_type\"}");
  }

  @Test
  void unknownScopeGets400InvalidScope() {
    ClientCredentials client = server.credentials();
    HttpResponse<String> response = server.postToken("grant_type=client_credentials&scope=admin",
        "Authorization", TestServer.basic(client.clientId(), client.clientSecret().reveal()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_scope\"}");
  }

  @Test
  void missingGrantTypeGets400InvalidRequest() {
    ClientCredentials client = server.credentials();
    HttpResponse<String> response = server.postToken("",
        "Authorization", TestServer.basic(client.clientId(), client.clientSecret().reveal()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\"}");
  }

  @Test
  void jsonBodyGets400InvalidRequest() {
    HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/oauth2/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}"))
        .build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\"}");
  }

  @Test
  void getOnTokenEndpointGets405() {
    HttpResponse<String> response = server.get("/oauth2/token");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\"}");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void everyTokenRequestIsOneAuthEventWithoutTheSecret() {
    ClientCredentials client = server.credentials();
    server.postToken("grant_type=client_credentials", "Authorization", TestServer.basic(client.clientId(), client.clientSecret().reveal()));
    server.postToken("grant_type=client_credentials", "Authorization", TestServer.basic(client.clientId(), "wrong-secret-value"));

    assertThat(server.logLines("auth")).hasSize(2);
    assertThat(server.logLines("auth").get(0)).contains("\"outcome\":\"granted\"").contains(client.clientId()).contains("demo-client");
    assertThat(server.logLines("auth").get(1)).contains("\"outcome\":\"refused\"").contains("invalid_client");
    assertThat(String.join("\n", server.logLines("auth"))).doesNotContain(client.clientSecret().reveal()).doesNotContain("wrong-secret-value");
  }

  @Test
  void startLogNamesTheProviderThatSignsTokens() {
    String provider = server.server().auth().signatureProvider();

    assertThat(provider).isIn("OpenSSL", "Conscrypt", "SunRsaSign");
    assertThat(server.logLines("application")).anySatisfy(line -> assertThat(line).contains("access tokens signed by " + provider));
  }
}
