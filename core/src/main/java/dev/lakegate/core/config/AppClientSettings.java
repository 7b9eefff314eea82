package dev.lakegate.core.config;

/**
 * An entry of {@code appClients}: token lifetimes of one machine client ({@code contract.md} §1).
 * Ranges: access and id tokens 5..1440 minutes, refresh tokens 1..87600 hours.
 */
public record AppClientSettings(int accessTokenValidityMinutes, int idTokenValidityMinutes, int refreshTokenValidityHours) {
  public static final int DEFAULT_ACCESS_TOKEN_VALIDITY_MINUTES = 60;
  public static final int DEFAULT_ID_TOKEN_VALIDITY_MINUTES = 60;
  public static final int DEFAULT_REFRESH_TOKEN_VALIDITY_HOURS = 720;

  /** The settings of an entry that gives none. */
  public static AppClientSettings defaults() {
    return new AppClientSettings(
        DEFAULT_ACCESS_TOKEN_VALIDITY_MINUTES, DEFAULT_ID_TOKEN_VALIDITY_MINUTES, DEFAULT_REFRESH_TOKEN_VALIDITY_HOURS);
  }
}
