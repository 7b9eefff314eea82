package dev.lakegate.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lakegate.auth.client.AppClient;
import dev.lakegate.auth.client.Secret;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.core.id.RandomUuids;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;

/**
 * Signs access tokens ({@code contract.md} §2): RS256 JWTs with the active key's {@code kid} and
 * the claims of a Cognito access token: {@code sub} and {@code client_id} (the client id), {@code
 * token_use: access}, {@code scope}, {@code iss}, {@code iat}, {@code exp}, {@code auth_time},
 * {@code jti}, {@code version: 2}. The signer object is the key ring's, reused for every token.
 */
public final class TokenIssuer {
  private final SigningKeys keys;
  private final URI issuer;
  private final Clock clock;
  private final RandomUuids jtis;

  public TokenIssuer(SigningKeys keys, URI issuer, Clock clock, SecureRandom random) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.jtis = new RandomUuids(random);
  }

  /** A signed access token for {@code client} with the granted {@code scope}, valid for {@code lifetime}. */
  public Secret issue(AppClient client, String scope, Duration lifetime) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .subject(client.clientId())
        .claim("token_use", "access")
        .claim("scope", scope)
        .claim("auth_time", now.getEpochSecond())
        .issuer(issuer.toString())
        .expirationTime(Date.from(now.plus(lifetime)))
        .issueTime(Date.from(now))
        .jwtID(jtis.get().toString())
        .claim("version", 2)
        .claim("client_id", client.clientId())
        .build();
    SigningKeys.ActiveKey key = keys.active();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(), claims);
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("RS256 signing failed", e);
    }
    return new Secret(jwt.serialize());
  }
}
