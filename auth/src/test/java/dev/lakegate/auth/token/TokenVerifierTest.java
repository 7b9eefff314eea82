package dev.lakegate.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lakegate.core.testing.MutableClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.lakegate.auth.AuthorizationServer;
import dev.lakegate.auth.TestAuth;
import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.auth.token.TokenResult.Granted;
import dev.lakegate.auth.token.Verification.InsufficientScope;
import dev.lakegate.auth.token.Verification.Reason;
import dev.lakegate.auth.token.Verification.Rejected;
import dev.lakegate.auth.token.Verification.Verified;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A forged, altered, stale or misdirected token must never reach the upload API: each way of
 * getting it wrong is its own test.
 */
@ParameterizedClass
@ValueSource(strings = {"jdk", "conscrypt"})
class TokenVerifierTest {
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
    server = TestAuth.settings(dir, clock).signing(signing).open();
    partner = server.initialize().get(0);
  }

  private String issuedToken() {
    TokenResult result = server.token(TokenRequest.fromHttp(Optional.empty(), Map.of(
        "grant_type", List.of("client_credentials"), "client_id", List.of(partner.clientId()),
        "client_secret", List.of(partner.clientSecret().reveal()))));
    return ((Granted) result).accessToken().reveal();
  }

  private Verification verify(String token) {
    return server.verify(Optional.of("Bearer " + token));
  }

  private JWTClaimsSet.Builder claims() {
    Instant now = clock.instant();
    return new JWTClaimsSet.Builder()
        .subject(partner.clientId())
        .claim("client_id", partner.clientId())
        .claim("token_use", "access")
        .claim("scope", Scopes.M2M_CUSTOM)
        .issuer(TestAuth.ISSUER.toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .jwtID("test");
  }

  private RSAKey serverKey() {
    return server.keys().list().get(0).key();
  }

  private String signedByServer(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(serverKey().getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(serverKey()));
    return jwt.serialize();
  }

  @Test
  void acceptsAnIssuedTokenWithItsClaimsAsStrings() {
    Verification verification = verify(issuedToken());

    assertThat(verification).isInstanceOfSatisfying(Verified.class, v -> {
      assertThat(v.clientId()).isEqualTo(partner.clientId());
      assertThat(v.scopes()).containsExactly(Scopes.M2M_CUSTOM);
      assertThat(v.claims()).containsEntry("token_use", "access").containsEntry("version", "2")
          .containsEntry("client_id", partner.clientId())
          .containsEntry("auth_time", String.valueOf(clock.instant().getEpochSecond()))
          .containsEntry("exp", "Sun Mar 01 11:00:00 UTC 2026");
    });
  }

  @Test
  void acceptsABareTokenWithoutTheBearerPrefix() {
    assertThat(server.verify(Optional.of(issuedToken()))).isInstanceOf(Verified.class);
  }

  @Test
  void rejectsAMissingToken() {
    assertThat(server.verify(Optional.empty())).isEqualTo(new Rejected(Reason.MISSING_TOKEN));
    assertThat(server.verify(Optional.of("Bearer "))).isEqualTo(new Rejected(Reason.MISSING_TOKEN));
  }

  @Test
  void rejectsGarbage() {
    assertThat(verify("not.a.jwt")).isEqualTo(new Rejected(Reason.MALFORMED));
  }

  @Test
  void rejectsAFlippedSignatureByte() {
    String token = issuedToken();
    byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    signature[10] ^= 0x01;
    String altered = token.substring(0, token.lastIndexOf('.') + 1)
        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

    assertThat(verify(altered)).isEqualTo(new Rejected(Reason.BAD_SIGNATURE));
  }

  @Test
  void rejectsAlgNone() {
    String token = new PlainJWT(claims().build()).serialize();

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.WRONG_ALGORITHM));
  }

  @Test
  void rejectsHs256SignedWithThePublicKey() throws Exception {
    byte[] publicKey = serverKey().toRSAPublicKey().getEncoded();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(serverKey().getKeyID()).build(),
        claims().build());
    jwt.sign(new MACSigner(publicKey));

    assertThat(verify(jwt.serialize())).isEqualTo(new Rejected(Reason.WRONG_ALGORITHM));
  }

  @Test
  void rejectsAnUnknownKid() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("no-such-key").build(), claims().build());
    jwt.sign(new RSASSASigner(serverKey()));

    assertThat(verify(jwt.serialize())).isEqualTo(new Rejected(Reason.UNKNOWN_KEY));
  }

  @Test
  void rejectsATokenWithoutKid() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims().build());
    jwt.sign(new RSASSASigner(serverKey()));

    assertThat(verify(jwt.serialize())).isEqualTo(new Rejected(Reason.UNKNOWN_KEY));
  }

  @Test
  void rejectsATokenSignedByAForeignKeyUnderOurKid() throws Exception {
    RSAKey foreign = new RSAKeyGenerator(2048).generate();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(serverKey().getKeyID()).build(),
        claims().build());
    jwt.sign(new RSASSASigner(foreign));

    assertThat(verify(jwt.serialize())).isEqualTo(new Rejected(Reason.BAD_SIGNATURE));
  }

  @Test
  void rejectsAnExpiredToken() {
    String token = issuedToken();

    clock.advance(Duration.ofMinutes(60).plus(TokenVerifier.CLOCK_SKEW));

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.EXPIRED));
  }

  @Test
  void acceptsATokenJustExpiredWithinTheClockSkew() {
    String token = issuedToken();

    clock.advance(Duration.ofMinutes(60).plus(TokenVerifier.CLOCK_SKEW).minusSeconds(1));

    assertThat(verify(token)).isInstanceOf(Verified.class);
  }

  @Test
  void rejectsACachedTokenOnceExpired() {
    String token = issuedToken();
    assertThat(verify(token)).isInstanceOf(Verified.class);

    clock.advance(Duration.ofHours(2));

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.EXPIRED));
  }

  @Test
  void rejectsATokenIssuedInTheFutureBeyondTheSkew() throws Exception {
    Instant future = clock.instant().plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1);
    String token = signedByServer(claims().issueTime(Date.from(future)).build());

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.NOT_YET_VALID));
  }

  @Test
  void rejectsATokenNotValidBeforeALaterTime() throws Exception {
    Instant later = clock.instant().plus(TokenVerifier.CLOCK_SKEW).plusSeconds(1);
    String token = signedByServer(claims().notBeforeTime(Date.from(later)).build());

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.NOT_YET_VALID));
  }

  @Test
  void rejectsAWrongIssuer() throws Exception {
    String token = signedByServer(claims().issuer("https://elsewhere.test").build());

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.WRONG_ISSUER));
  }

  @Test
  void rejectsAnIdTokenShapedToken() throws Exception {
    String token = signedByServer(claims().claim("token_use", "id").audience(partner.clientId()).build());

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.NOT_ACCESS_TOKEN));
  }

  @Test
  void rejectsATokenWithoutClientId() throws Exception {
    String token = signedByServer(claims().claim("client_id", null).build());

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.MALFORMED));
  }

  @Test
  void reportsAMissingScopeApart() throws Exception {
    String token = signedByServer(claims().claim("scope", "m2m-api/other").build());

    assertThat(verify(token)).isInstanceOfSatisfying(InsufficientScope.class,
        s -> assertThat(s.clientId()).isEqualTo(partner.clientId()));
  }

  @Test
  void rejectsTokensOfADisabledClientAtOnceEvenWhenCached() {
    String token = issuedToken();
    assertThat(verify(token)).isInstanceOf(Verified.class);

    TestAuth.settings(dir, clock).open().clients().disable("partner");

    assertThat(verify(token)).isEqualTo(new Rejected(Reason.DISABLED_CLIENT));
  }

  @Test
  void rejectsTokensOfAClientRemovedFromTheConfiguration() {
    String token = issuedToken();
    AuthorizationServer withoutPartner = TestAuth.settings(dir, clock).withoutClient("partner").open();

    assertThat(withoutPartner.verify(Optional.of(token))).isEqualTo(new Rejected(Reason.UNKNOWN_CLIENT));
  }

  @Test
  void tokensSignedBeforeAKeyRotationStillVerify() {
    String token = issuedToken();

    server.keys().rotate();

    assertThat(TestAuth.settings(dir, clock).open().verify(Optional.of(token))).isInstanceOf(Verified.class);
    assertThat(verify(issuedToken())).isInstanceOf(Verified.class);
  }
}
