package dev.lakegate.auth.client;

/** Where a client stands, as {@code lakegate clients list} shows it. */
public enum ClientStatus {
  /** Configured, created and enabled: may obtain and use tokens. */
  ACTIVE("active"),
  /** Disabled through the CLI: its credentials and tokens are refused. */
  DISABLED("disabled"),
  /** Stored but no longer in {@code appClients}: refused, and deleted at the server's next start. */
  REMOVED("removed"),
  /** In {@code appClients} but not created yet: the server creates it at its next start. */
  NOT_CREATED("not created");

  private final String label;

  ClientStatus(String label) {
    this.label = label;
  }

  /** The word shown to operators. */
  public String label() {
    return label;
  }
}
