package dev.lakegate.auth.token;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of checking an access token for the upload API ({@code contract.md} §4): the edge
 * answers 401 for {@link Rejected}, 403 for {@link InsufficientScope}, and lets {@link Verified}
 * through with its claims in the request event ({@code requestContext.authorizer.claims}).
 */
public sealed interface Verification {

  /**
   * A valid token of an active client carrying the upload scope.
   *
   * @param claims every claim as a string, as API Gateway's Cognito authorizer presents them
   */
  record Verified(String clientId, Map<String, String> claims, Set<String> scopes) implements Verification {
    public Verified {
      Objects.requireNonNull(clientId, "clientId");
      claims = Map.copyOf(claims);
      scopes = Set.copyOf(scopes);
    }
  }

  /** No usable token; the reason is for the log, the caller gets a plain 401. */
  record Rejected(Reason reason) implements Verification {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** A valid token that lacks the scope {@value Scopes#M2M_CUSTOM}. */
  record InsufficientScope(String clientId, Set<String> scopes) implements Verification {
    public InsufficientScope {
      Objects.requireNonNull(clientId, "clientId");
      scopes = Set.copyOf(scopes);
    }
  }

  /** Why a token was rejected. */
  enum Reason {
    MISSING_TOKEN("no token"),
    MALFORMED("not a well-formed access token"),
    WRONG_ALGORITHM("algorithm is not RS256"),
    UNKNOWN_KEY("unknown or retired key id"),
    BAD_SIGNATURE("signature does not verify"),
    WRONG_ISSUER("issued by another issuer"),
    NOT_ACCESS_TOKEN("token_use is not access"),
    EXPIRED("expired"),
    NOT_YET_VALID("issued in the future or not yet valid"),
    UNKNOWN_CLIENT("client unknown or no longer configured"),
    DISABLED_CLIENT("client is disabled");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A phrase for the log. */
    public String description() {
      return description;
    }
  }
}
