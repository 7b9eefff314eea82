package dev.lakegate.lake.local;

import dev.lakegate.core.config.StandaloneConfig;
import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link FileSystemLake} needs from the server: where the lake lives, the bucket, the base
 * URL partners reach the server on ({@code StandaloneConfig.baseUrl()}), and the signing keys.
 *
 * @param bucket the bucket name, which is also its directory under {@code lake.dir()}
 */
public record FileSystemLakeSettings(
    StandaloneConfig.LocalLake lake, String bucket, URI baseUrl, SigningCredentials credentials) {
  // S3's bucket name rule; it also keeps the bucket directory apart from the state directory.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public FileSystemLakeSettings {
    Objects.requireNonNull(lake, "lake");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(credentials, "credentials");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
    }
    if (baseUrl.getHost() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
      throw new IllegalArgumentException("base URL must be an absolute http(s) URL: " + baseUrl);
    }
  }

  /** The base URL's path without a trailing slash; empty when the server is at the root. */
  String basePath() {
    String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
