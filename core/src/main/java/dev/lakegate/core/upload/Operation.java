package dev.lakegate.core.upload;

import java.util.List;
import java.util.Optional;

/**
 * The four operations of the upload API ({@code contract.md} §4) with the query parameters each
 * one uses. The wire name is the last path segment: {@code /{stage}/upload/{operation}}.
 */
public enum Operation {
  UNIPART("unipart", List.of("md5")),
  MULTI_INIT("multi_init", List.of()),
  MULTI_UPLOAD("multi_upload", List.of("md5", "uuid", "part_num", "upload_id")),
  MULTI_COMPLETE("multi_complete", List.of("uuid", "upload_id"));

  private final String wireName;
  @SuppressWarnings("ImmutableEnumChecker") // always a List.of(...), which is immutable
  private final List<String> parameters;

  Operation(String wireName, List<String> parameters) {
    this.wireName = wireName;
    this.parameters = parameters;
  }

  /** The operation named by a request path's last segment, if there is one of that name. */
  public static Optional<Operation> byWireName(String name) {
    for (Operation operation : values()) {
      if (operation.wireName.equals(name)) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  public String wireName() {
    return wireName;
  }

  /** The query parameters the operation needs, all of them required. */
  public List<String> parameters() {
    return parameters;
  }
}
