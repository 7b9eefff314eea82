package dev.lakegate.auth.client;

import dev.lakegate.core.config.AppClientSettings;

/** The outcome of checking a client id and secret: the client, or why it was refused. */
public sealed interface ClientAuthentication {

  /** Id and secret match an active client; {@code settings} are its configured lifetimes. */
  record Authenticated(AppClient client, AppClientSettings settings) implements ClientAuthentication {}

  /** Refused, for the log only: the caller is told {@code invalid_client} whatever the reason. */
  record Denied(Reason reason) implements ClientAuthentication {}

  /** Why credentials were refused. */
  enum Reason {
    UNKNOWN_CLIENT("unknown client id"),
    WRONG_SECRET("wrong client secret"),
    DISABLED_CLIENT("client is disabled"),
    REMOVED_CLIENT("client is no longer configured");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** A phrase for the auth event log. */
    public String description() {
      return description;
    }
  }
}
