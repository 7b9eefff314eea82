package dev.lakegate.core.config;

import java.util.Objects;
import java.util.Optional;

/**
 * An entry of {@code adminRoles}: a role referred to by exactly one of name, ARN or id, which
 * administers the KMS key in the AWS deployment.
 */
public record AdminRole(Reference reference, String value, Optional<Boolean> immutable, Optional<Boolean> sso) {

  /** Which of the three keys named the role. */
  public enum Reference {
    NAME("name"),
    ARN("arn"),
    ID("id");

    private final String key;

    Reference(String key) {
      this.key = key;
    }

    /** The key as written in the configuration file. */
    public String key() {
      return key;
    }
  }

  public AdminRole {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(immutable, "immutable");
    Objects.requireNonNull(sso, "sso");
  }
}
