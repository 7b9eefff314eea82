package dev.lakegate.core.config;

import java.util.Objects;

/**
 * One loaded configuration file: the module's {@code api:} section and the standalone server's
 * {@code standalone:} section (defaults when the file has none). Immutable.
 */
public record LakegateConfig(ApiConfig api, StandaloneConfig standalone) {
  public LakegateConfig {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(standalone, "standalone");
  }
}
