package dev.lakegate.auth.token;

/** How a client authenticated at the token endpoint (RFC 6749 §2.3.1), with the discovery name. */
public enum ClientAuthMethod {
  /** HTTP Basic with the form-urlencoded id and secret. */
  CLIENT_SECRET_BASIC("client_secret_basic"),
  /** {@code client_id} and {@code client_secret} in the form body. */
  CLIENT_SECRET_POST("client_secret_post");

  private final String wireName;

  ClientAuthMethod(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the discovery document's {@code token_endpoint_auth_methods_supported}. */
  public String wireName() {
    return wireName;
  }
}
