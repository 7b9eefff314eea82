package dev.lakegate.lake.local;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key pair the lake signs and verifies presigned URLs with, and the region named in their
 * credential scope. The server derives the secret from its master key and passes it in; it is
 * never printed ({@link #toString()} masks it).
 *
 * @param region the SigV4 region: the config's {@code {{region}}}, else {@code us-east-1}
 */
public record SigningCredentials(String accessKeyId, String secretKey, String region) {
  /** The region used when the configuration names none. */
  public static final String DEFAULT_REGION = "us-east-1";

  // A credential scope is slash-separated, so neither the key id nor the region may hold a slash.
  private static final Pattern SCOPE_PART = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  public SigningCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(region, "region");
    if (!SCOPE_PART.matcher(accessKeyId).matches()) {
      throw new IllegalArgumentException("access key id must match " + SCOPE_PART);
    }
    if (!SCOPE_PART.matcher(region).matches()) {
      throw new IllegalArgumentException("region must match " + SCOPE_PART);
    }
    if (secretKey.isEmpty()) {
      throw new IllegalArgumentException("secret key is empty");
    }
  }

  @Override
  public String toString() {
    return "SigningCredentials[accessKeyId=" + accessKeyId + ", secretKey=****, region=" + region + "]";
  }
}
