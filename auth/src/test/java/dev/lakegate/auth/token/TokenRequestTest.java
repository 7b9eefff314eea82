package dev.lakegate.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenRequestTest {
  private static Optional<String> basic(String user, String password) {
    String pair = URLEncoder.encode(user, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, List<String>> form(String... pairs) {
    java.util.Map<String, List<String>> form = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return form;
  }

  @Test
  void readsHttpBasicWithFormUrlEncodedIdAndSecret() {
    TokenRequest request = TokenRequest.fromHttp(basic("client:1", "s3cr+t/=%"), form("grant_type", "client_credentials"));

    assertThat(request.malformed()).isEmpty();
    assertThat(request.basicAttempted()).isTrue();
    assertThat(request.credentials()).hasValueSatisfying(c -> {
      assertThat(c.method()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_BASIC);
      assertThat(c.clientId()).isEqualTo("client:1");
      assertThat(c.secret().reveal()).isEqualTo("s3cr+t/=%");
    });
    assertThat(request.grantType()).contains("client_credentials");
  }

  @Test
  void readsClientSecretPost() {
    TokenRequest request = TokenRequest.fromHttp(Optional.empty(),
        form("grant_type", "client_credentials", "client_id", "abc", "client_secret", "xyz", "scope", "m2m-api/m2m-custom"));

    assertThat(request.credentials()).hasValueSatisfying(c -> {
      assertThat(c.method()).isEqualTo(ClientAuthMethod.CLIENT_SECRET_POST);
      assertThat(c.clientId()).isEqualTo("abc");
      assertThat(c.secret().reveal()).isEqualTo("xyz");
    });
    assertThat(request.scope()).contains("m2m-api/m2m-custom");
    assertThat(request.basicAttempted()).isFalse();
  }

  @Test
  void basicAndClientSecretInTheBodyAtOnceIsMalformed() {
    TokenRequest request = TokenRequest.fromHttp(basic("abc", "xyz"),
        form("grant_type", "client_credentials", "client_id", "abc", "client_secret", "xyz"));

    assertThat(request.malformed()).hasValueSatisfying(r -> assertThat(r).contains("both"));
    assertThat(request.credentials()).isEmpty();
  }

  @Test
  void basicWithADifferentClientIdInTheBodyIsMalformed() {
    TokenRequest request = TokenRequest.fromHttp(basic("abc", "xyz"), form("client_id", "other"));

    assertThat(request.malformed()).isPresent();
  }

  @Test
  void basicWithTheSameClientIdInTheBodyIsAccepted() {
    TokenRequest request = TokenRequest.fromHttp(basic("abc", "xyz"), form("client_id", "abc"));

    assertThat(request.malformed()).isEmpty();
    assertThat(request.credentials()).isPresent();
  }

  @Test
  void repeatedParameterIsMalformed() {
    TokenRequest request = TokenRequest.fromHttp(Optional.empty(),
        form("grant_type", "client_credentials", "grant_type", "client_credentials"));

    assertThat(request.malformed()).hasValueSatisfying(r -> assertThat(r).contains("grant_type"));
  }

  @Test
  void authorizationHeaderThatIsNotBasicIsMalformed() {
    TokenRequest request = TokenRequest.fromHttp(Optional.of("Bearer abc"), form("grant_type", "client_credentials"));

    assertThat(request.malformed()).isPresent();
    assertThat(request.basicAttempted()).isTrue();
  }

  @Test
  void basicThatIsNotBase64IsMalformed() {
    TokenRequest request = TokenRequest.fromHttp(Optional.of("Basic !!!"), form("grant_type", "client_credentials"));

    assertThat(request.malformed()).isPresent();
  }

  @Test
  void basicWithoutAColonIsMalformed() {
    String header = "Basic " + Base64.getEncoder().encodeToString("justanid".getBytes(StandardCharsets.UTF_8));

    assertThat(TokenRequest.fromHttp(Optional.of(header), form()).malformed()).isPresent();
  }

  @Test
  void clientSecretWithoutClientIdIsMalformed() {
    assertThat(TokenRequest.fromHttp(Optional.empty(), form("client_secret", "xyz")).malformed()).isPresent();
  }

  @Test
  void requestWithoutClientAuthenticationHasNoCredentials() {
    TokenRequest request = TokenRequest.fromHttp(Optional.empty(), form("grant_type", "client_credentials", "client_id", "abc"));

    assertThat(request.malformed()).isEmpty();
    assertThat(request.credentials()).isEmpty();
  }

  @Test
  void toStringMasksTheSecret() {
    TokenRequest request = TokenRequest.fromHttp(basic("abc", "very-secret-value"), form());

    assertThat(request.toString()).doesNotContain("very-secret-value");
  }
}
