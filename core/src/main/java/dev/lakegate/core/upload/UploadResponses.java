package dev.lakegate.core.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Turns upload outcomes into responses: the one place where a failure reason gets its status code
 * and JSON body, so that the standalone server and the Lambda handler answer alike. Error bodies
 * are {@code {"error": code, "message": text}} plus, where the contract wants it, the names of
 * the offending parameters. The caller learns what to fix, never internal detail.
 */
public final class UploadResponses {
  // A shared buffer pool: Jackson's default keeps buffers per thread, and every request runs on a
  // new virtual thread, so each document would allocate fresh ones.
  private static final ObjectMapper JSON =
      new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
  private static final Map<String, String> JSON_CONTENT = Map.of("Content-Type", "application/json");

  private UploadResponses() {}

  /** The response for a failure. */
  public static ApiResponse failure(UploadFailure failure) {
    return switch (failure) {
      case UploadFailure.Unauthenticated u -> error(401, "unauthorized", "a valid access token is required");
      case UploadFailure.UnknownOperation u ->
          error(400, "unknown_operation", "unknown operation; use unipart, multi_init, multi_upload or multi_complete");
      case UploadFailure.MissingParameters m ->
          withNames(400, "missing_parameters", "missing required query parameters: " + String.join(", ", m.names()), m.names());
      case UploadFailure.UnexpectedParameters u ->
          withNames(400, "unexpected_parameters", "query parameters not accepted: " + String.join(", ", u.names()), u.names());
      case UploadFailure.MalformedParameter m ->
          withNames(400, "malformed_parameter", m.name() + " " + m.problem(), List.of(m.name()));
      case UploadFailure.UnknownUpload u ->
          error(404, "unknown_upload", "no multipart upload is in progress for this uuid");
      case UploadFailure.UploadIdMismatch u ->
          error(404, "unknown_upload", "this upload_id does not belong to this uuid");
      case UploadFailure.ForeignUpload f ->
          error(403, "foreign_upload", "this multipart upload was started by another client");
      case UploadFailure.NoParts n -> error(400, "no_parts", "no part has been uploaded yet");
      case UploadFailure.PartsRejected p -> error(400, "invalid_parts", p.problem());
      case UploadFailure.LakeMisconfigured l -> error(502, "lake_error", "the data lake refused the request");
      case UploadFailure.LakeUnavailable l -> new ApiResponse(
          503,
          Map.of("Content-Type", "application/json", "Retry-After", "1"),
          body(errorNode("lake_unavailable", "the data lake is unavailable; retry later")));
    };
  }

  /** A JSON error response in the shape every upload-API error has. */
  public static ApiResponse error(int status, String code, String message) {
    return new ApiResponse(status, JSON_CONTENT, body(errorNode(code, message)));
  }

  /** A 200 response with the given JSON document. */
  public static ApiResponse ok(ObjectNode document) {
    return new ApiResponse(200, JSON_CONTENT, body(document));
  }

  /** A JSON object to fill in for {@link #ok}. */
  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static ApiResponse withNames(int status, String code, String message, List<String> names) {
    ObjectNode node = errorNode(code, message);
    var array = node.putArray("parameters");
    names.forEach(array::add);
    return new ApiResponse(status, JSON_CONTENT, body(node));
  }

  private static ObjectNode errorNode(String code, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("error", code);
    node.put("message", message);
    return node;
  }

  static String body(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
