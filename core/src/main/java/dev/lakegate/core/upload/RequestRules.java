package dev.lakegate.core.upload;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request validation the module's API Gateway performs before any work ({@code contract.md}
 * §4): every parameter configured as required is present, no parameter is present that is neither
 * configured nor used by the operation, and the operation's own parameters are well formed. The
 * first failing rule wins, in that order; each failure names every offending parameter.
 */
public final class RequestRules {
  /** Highest part number S3 accepts. */
  public static final int MAX_PART_NUMBER = 10_000;

  private static final Pattern PART_NUMBER = Pattern.compile("[1-9][0-9]{0,4}");
  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9._~+/=-]{1,1024}");

  private final Map<String, Boolean> configured;

  public RequestRules(Map<String, Boolean> requestParameters) {
    this.configured = Map.copyOf(requestParameters);
  }

  /** The first rule the query breaks, or empty when the request may go ahead. */
  public Optional<UploadFailure> check(Operation operation, Map<String, String> query) {
    List<String> missing = new ArrayList<>();
    for (String name : operation.parameters()) {
      if (!query.containsKey(name)) {
        missing.add(name);
      }
    }
    configured.forEach((name, required) -> {
      if (required && !query.containsKey(name) && !missing.contains(name)) {
        missing.add(name);
      }
    });
    if (!missing.isEmpty()) {
      return Optional.of(new UploadFailure.MissingParameters(sorted(missing)));
    }
    Set<String> unexpected = new LinkedHashSet<>();
    for (String name : query.keySet()) {
      if (!operation.parameters().contains(name) && !configured.containsKey(name)) {
        unexpected.add(name);
      }
    }
    if (!unexpected.isEmpty()) {
      return Optional.of(new UploadFailure.UnexpectedParameters(sorted(unexpected)));
    }
    return malformed(operation, query);
  }

  private static Optional<UploadFailure> malformed(Operation operation, Map<String, String> query) {
    for (String name : operation.parameters()) {
      String value = query.getOrDefault(name, "");
      Optional<String> problem = switch (name) {
        case "md5" -> md5Problem(value);
        case "uuid" -> uuidProblem(value);
        case "part_num" -> partNumberProblem(value);
        case "upload_id" -> UPLOAD_ID.matcher(value).matches()
            ? Optional.empty()
            : Optional.of("is not an upload id");
        default -> Optional.empty();
      };
      if (problem.isPresent()) {
        return Optional.of(new UploadFailure.MalformedParameter(name, problem.get()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> md5Problem(String value) {
    try {
      if (value.length() == 24 && Base64.getDecoder().decode(value).length == 16) {
        return Optional.empty();
      }
    } catch (IllegalArgumentException notBase64) {
      // falls through to the same answer as a wrong length
    }
    return Optional.of("must be the base64 encoding of a 16-byte MD5 digest");
  }

  private static Optional<String> uuidProblem(String value) {
    try {
      if (UUID.fromString(value).toString().equals(value)) {
        return Optional.empty();
      }
    } catch (IllegalArgumentException notUuid) {
      // falls through to the same answer as a non-canonical form
    }
    return Optional.of("must be a uuid as returned by unipart or multi_init");
  }

  private static Optional<String> partNumberProblem(String value) {
    if (PART_NUMBER.matcher(value).matches() && Integer.parseInt(value) <= MAX_PART_NUMBER) {
      return Optional.empty();
    }
    return Optional.of("must be an integer from 1 to " + MAX_PART_NUMBER);
  }

  private static List<String> sorted(Collection<String> names) {
    return names.stream().sorted().toList();
  }
}
