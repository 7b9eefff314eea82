package dev.lakegate.core.vectors;

import java.util.Objects;

/** What an edge answered to a {@link VectorCall}: status and JSON body text. */
public record VectorResponse(int status, String body) {
  public VectorResponse {
    Objects.requireNonNull(body, "body");
  }
}
