package dev.lakegate.auth.token;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The scopes of {@code contract.md} §2: resource server {@code m2m-api}, scope {@code
 * m2m-custom}, the one scope the upload API requires.
 */
public final class Scopes {
  /** The upload API's scope. */
  public static final String M2M_CUSTOM = "m2m-api/m2m-custom";
  /** Every scope a client may have, in the order they are granted. */
  public static final List<String> ALL = List.of(M2M_CUSTOM);

  private Scopes() {}

  /** The space-separated scope tokens of a {@code scope} parameter or claim, in order, without repeats. */
  public static Set<String> parse(String value) {
    Set<String> tokens = new LinkedHashSet<>();
    Arrays.stream(value.split(" ")).filter(s -> !s.isEmpty()).forEach(tokens::add);
    return java.util.Collections.unmodifiableSet(tokens);
  }
}
