package dev.lakegate.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.lakegate.auth.client.AppClientRegistry;
import dev.lakegate.auth.client.ClientStatus;
import dev.lakegate.auth.key.SigningKeys;
import dev.lakegate.auth.token.Verification.InsufficientScope;
import dev.lakegate.auth.token.Verification.Reason;
import dev.lakegate.auth.token.Verification.Rejected;
import dev.lakegate.auth.token.Verification.Verified;
import dev.lakegate.auth.token.VerifiedTokenCache.Entry;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the bearer token of an upload-API request ({@code contract.md} §4): algorithm pinned to
 * RS256 (so {@code alg: none} and HS256 keyed with the public key fail before any key is
 * touched), a {@code kid} of a published key, the signature, the issuer, {@code token_use:
 * access}, expiry and issue time within {@link #CLOCK_SKEW}, and a client that is still
 * configured and enabled, then the scope. Tokens that passed the expensive checks are cached;
 * the client's state and the expiry are checked on every call, so disabling a client stops its
 * tokens at once.
 */
public final class TokenVerifier {
  /** Tolerated difference between the issuer's clock and ours. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
  // About 2 KiB per entry (token and claims): a few MiB at most, whatever the traffic.
  private static final int CACHE_CAPACITY = 4_096;
  // API Gateway's Cognito authorizer presents exp and iat in this form (java.util.Date's), and
  // every other claim as its plain string value.
  private static final DateTimeFormatter CLAIM_DATE =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US).withZone(ZoneOffset.UTC);

  private final SigningKeys keys;
  private final AppClientRegistry clients;
  private final String issuer;
  private final Clock clock;
  private final VerifiedTokenCache cache = new VerifiedTokenCache(CACHE_CAPACITY);

  public TokenVerifier(SigningKeys keys, AppClientRegistry clients, URI issuer, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.issuer = issuer.toString();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies the value of an {@code Authorization} header: {@code Bearer <token>}, or the bare
   * token as API Gateway's Cognito authorizer also accepts.
   */
  public Verification verify(Optional<String> authorization) {
    String value = authorization.map(String::strip).orElse("");
    if (value.regionMatches(true, 0, "Bearer", 0, 6) && (value.length() == 6 || value.charAt(6) == ' ')) {
      value = value.substring(6).strip();
    }
    if (value.isEmpty()) {
      return new Rejected(Reason.MISSING_TOKEN);
    }
    Instant now = clock.instant();
    Optional<Entry> cached = cache.get(value);
    if (cached.isPresent()) {
      return decideLive(cached.get(), now);
    }
    return verifyToken(value, now);
  }

  private Verification verifyToken(String token, Instant now) {
    SignedJWT jwt;
    try {
      JWT parsed = JWTParser.parse(token);
      if (!(parsed instanceof SignedJWT signed) || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
        return new Rejected(Reason.WRONG_ALGORITHM);
      }
      jwt = signed;
    } catch (ParseException e) {
      return new Rejected(Reason.MALFORMED);
    }
    String kid = jwt.getHeader().getKeyID();
    Optional<RSASSAVerifier> verifier = kid == null ? Optional.empty() : keys.verifier(kid);
    if (verifier.isEmpty()) {
      return new Rejected(Reason.UNKNOWN_KEY);
    }
    try {
      if (!jwt.verify(verifier.get())) {
        return new Rejected(Reason.BAD_SIGNATURE);
      }
      return checkClaims(token, jwt.getJWTClaimsSet(), now);
    } catch (JOSEException e) {
      return new Rejected(Reason.BAD_SIGNATURE);
    } catch (ParseException e) {
      return new Rejected(Reason.MALFORMED);
    }
  }

  private Verification checkClaims(String token, JWTClaimsSet claims, Instant now) throws ParseException {
    if (!issuer.equals(claims.getIssuer())) {
      return new Rejected(Reason.WRONG_ISSUER);
    }
    if (!"access".equals(claims.getStringClaim("token_use"))) {
      return new Rejected(Reason.NOT_ACCESS_TOKEN);
    }
    String clientId = claims.getStringClaim("client_id");
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (clientId == null || !clientId.equals(claims.getSubject()) || exp == null || iat == null) {
      return new Rejected(Reason.MALFORMED);
    }
    Instant latestStart = now.plus(CLOCK_SKEW);
    if (iat.toInstant().isAfter(latestStart)
        || (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(latestStart))) {
      return new Rejected(Reason.NOT_YET_VALID);
    }
    String scope = claims.getStringClaim("scope");
    Entry entry = new Entry(clientId, exp.toInstant(), Scopes.parse(scope == null ? "" : scope), asStrings(claims));
    if (!expired(entry, now)) {
      cache.put(token, entry, now);
    }
    return decideLive(entry, now);
  }

  /** The checks that can change while a token is cached: expiry, the client's state, scope. */
  private Verification decideLive(Entry entry, Instant now) {
    if (expired(entry, now)) {
      return new Rejected(Reason.EXPIRED);
    }
    Optional<ClientStatus> status = clients.statusOf(entry.clientId());
    if (status.isEmpty() || status.get() == ClientStatus.REMOVED || status.get() == ClientStatus.NOT_CREATED) {
      return new Rejected(Reason.UNKNOWN_CLIENT);
    }
    if (status.get() == ClientStatus.DISABLED) {
      return new Rejected(Reason.DISABLED_CLIENT);
    }
    if (!entry.scopes().contains(Scopes.M2M_CUSTOM)) {
      return new InsufficientScope(entry.clientId(), entry.scopes());
    }
    return new Verified(entry.clientId(), entry.claims(), entry.scopes());
  }

  private static boolean expired(Entry entry, Instant now) {
    return !now.isBefore(entry.expiresAt().plus(CLOCK_SKEW));
  }

  private static Map<String, String> asStrings(JWTClaimsSet claims) {
    Map<String, String> strings = new LinkedHashMap<>();
    claims.getClaims().forEach((name, value) -> {
      if (value instanceof Date date) {
        strings.put(name, CLAIM_DATE.format(date.toInstant()));
      } else if (value instanceof java.util.List<?> list) {
        strings.put(name, String.join(" ", list.stream().map(String::valueOf).toList()));
      } else if (value != null) {
        strings.put(name, String.valueOf(value));
      }
    });
    return Map.copyOf(strings);
  }
}
