package dev.lakegate.auth.token;

/**
 * The error codes of the token endpoint (RFC 6749 §5.2) with their HTTP status. The wire code is
 * written out, not derived from the constant's name.
 */
public enum OAuthError {
  INVALID_REQUEST("invalid_request", 400),
  /** Unknown, disabled or removed client, wrong secret, or no client authentication at all. */
  INVALID_CLIENT("invalid_client", 401),
  UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
  INVALID_SCOPE("invalid_scope", 400);

  private final String code;
  private final int httpStatus;

  OAuthError(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The {@code error} value of the response body. */
  public String code() {
    return code;
  }

  /** The HTTP status the token endpoint answers with. */
  public int httpStatus() {
    return httpStatus;
  }
}
