package dev.lakegate.core.config;

import java.util.Objects;

/**
 * One mistake in a configuration file ({@code contract.md} §1): where it is and what is wrong.
 * {@link #toString()} gives the one-line form users see, e.g. {@code m2m-api.yaml:14
 * api.allowedCidrs[1]: "10.0.0.0/33" is not an IPv4 CIDR}.
 *
 * @param file the file as the caller named it
 * @param line 1-based line of the offending key or value; 0 when the problem concerns the whole
 *     file (it cannot be read, it is empty)
 * @param path the key path ({@code api.appClients.demo.accessTokenValidityMinutes}); empty for the
 *     whole file
 * @param message what is wrong, naming the offending value where that helps
 */
public record ConfigProblem(String file, int line, String path, String message) {
  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    if (!path.isEmpty()) {
      out.append(' ').append(path);
    }
    return out.append(": ").append(message).toString();
  }
}
