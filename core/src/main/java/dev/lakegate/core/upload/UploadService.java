package dev.lakegate.core.upload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakegate.core.lake.CompletedMultipart;
import dev.lakegate.core.lake.Lake;
import dev.lakegate.core.lake.LakeException;
import dev.lakegate.core.lake.MultipartUpload;
import dev.lakegate.core.lake.PresignedUrl;
import dev.lakegate.core.lake.UploadedPart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The four operations of the upload API ({@code contract.md} §4) over a {@link Lake}: request
 * rules first, then the operation. The standalone server and the Lambda handler both call it with
 * the request event they built, so the two deployments cannot drift. It neither authenticates
 * (the edge verified the token and put its claims in the event) nor speaks HTTP.
 */
public final class UploadService {
  private final UploadSettings settings;
  private final Lake lake;
  private final Supplier<UUID> ids;
  private final RequestRules rules;
  private final MetadataMapper metadata;

  /**
   * @param ids source of new upload ids; must give random (version 4) UUIDs in production
   */
  public UploadService(UploadSettings settings, Lake lake, Supplier<UUID> ids) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.lake = Objects.requireNonNull(lake, "lake");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.rules = new RequestRules(settings.requestParameters());
    this.metadata = new MetadataMapper(settings.eventMetadataMappings());
  }

  /** The response to one request. */
  public ApiResponse handle(RequestEvent event) {
    return decide(event).response();
  }

  /** The response to one request, with the reason when it was refused or failed. */
  public UploadOutcome decide(RequestEvent event) {
    String caller = event.clientId();
    if (caller == null || caller.isEmpty()) {
      return UploadOutcome.refused(new UploadFailure.Unauthenticated());
    }
    Optional<Operation> operation = Operation.byWireName(event.operation());
    if (operation.isEmpty()) {
      return UploadOutcome.refused(new UploadFailure.UnknownOperation(event.operation()));
    }
    Map<String, String> query = event.queryStringParameters();
    Optional<UploadFailure> broken = rules.check(operation.get(), query);
    if (broken.isPresent()) {
      return UploadOutcome.refused(broken.get());
    }
    try {
      return switch (operation.get()) {
        case UNIPART -> unipart(event, checked(query, "md5"));
        case MULTI_INIT -> multiInit(event, caller);
        case MULTI_UPLOAD -> withOwnUpload(caller, query, upload -> multiUpload(upload, query));
        case MULTI_COMPLETE -> withOwnUpload(caller, query, this::multiComplete);
      };
    } catch (LakeException e) {
      return UploadOutcome.refused(failureOf(e, query.getOrDefault("uuid", "")));
    }
  }

  private UploadOutcome unipart(RequestEvent event, String md5) {
    String uuid = ids.get().toString();
    writeMetadata(uuid, metadata.map(event));
    PresignedUrl url = lake.presignPut(settings.objectKey(uuid), md5, settings.urlValidity());
    ObjectNode body = UploadResponses.object();
    body.put("url", url.url());
    body.put("uuid", uuid);
    return UploadOutcome.success(UploadResponses.ok(body));
  }

  private UploadOutcome multiInit(RequestEvent event, String caller) {
    String uuid = ids.get().toString();
    String uploadId = lake.startMultipart(settings.objectKey(uuid), caller);
    ObjectNode document = metadata.map(event);
    document.put("upload_id", uploadId);
    writeMetadata(uuid, document);
    ObjectNode body = UploadResponses.object();
    body.put("uuid", uuid);
    body.put("upload_id", uploadId);
    return UploadOutcome.success(UploadResponses.ok(body));
  }

  /** A multipart upload the caller may continue: the uuid's own upload id, started by the caller. */
  private record OwnUpload(String uuid, String uploadId, String key) {}

  /** Runs a multipart operation once the ownership rules hold for the uuid and upload id of the query. */
  private UploadOutcome withOwnUpload(String caller, Map<String, String> query, Function<OwnUpload, UploadOutcome> operation) {
    String uuid = checked(query, "uuid");
    String uploadId = checked(query, "upload_id");
    Optional<UploadFailure> refusal = checkUpload(caller, uuid, uploadId);
    if (refusal.isPresent()) {
      return UploadOutcome.refused(refusal.get());
    }
    return operation.apply(new OwnUpload(uuid, uploadId, settings.objectKey(uuid)));
  }

  private UploadOutcome multiUpload(OwnUpload upload, Map<String, String> query) {
    int partNumber = Integer.parseInt(checked(query, "part_num"));
    PresignedUrl url = lake.presignPart(upload.key(), upload.uploadId(), partNumber, checked(query, "md5"), settings.urlValidity());
    ObjectNode body = UploadResponses.object();
    body.put("url", url.url());
    body.put("uuid", upload.uuid());
    return UploadOutcome.success(UploadResponses.ok(body));
  }

  private UploadOutcome multiComplete(OwnUpload upload) {
    List<UploadedPart> parts = lake.listParts(upload.key(), upload.uploadId());
    if (parts.isEmpty()) {
      return UploadOutcome.refused(new UploadFailure.NoParts(upload.uuid()));
    }
    CompletedMultipart completed = lake.completeMultipart(upload.key(), upload.uploadId(), parts);
    ObjectNode body = UploadResponses.object();
    body.put("uuid", upload.uuid());
    body.put("etag", completed.etag());
    body.put("parts", completed.parts());
    return UploadOutcome.success(UploadResponses.ok(body));
  }

  /** The ownership rules of a multipart upload: it exists, the id is its own, the caller started it. */
  private Optional<UploadFailure> checkUpload(String caller, String uuid, String uploadId) {
    Optional<MultipartUpload> upload = lake.findMultipart(settings.objectKey(uuid));
    if (upload.isEmpty()) {
      return Optional.of(new UploadFailure.UnknownUpload(uuid));
    }
    if (!upload.get().owner().equals(caller)) {
      return Optional.of(new UploadFailure.ForeignUpload(uuid, upload.get().owner(), caller));
    }
    if (!upload.get().uploadId().equals(uploadId)) {
      return Optional.of(new UploadFailure.UploadIdMismatch(uuid, uploadId));
    }
    return Optional.empty();
  }

  /** A parameter the request rules have already required and checked. */
  private static String checked(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null) {
      throw new IllegalStateException("request rules let a request without " + name + " through");
    }
    return value;
  }

  private void writeMetadata(String uuid, ObjectNode document) {
    byte[] bytes = UploadResponses.body(document).getBytes(StandardCharsets.UTF_8);
    lake.putObject(settings.metadataKey(uuid), bytes, "application/json");
  }

  private static UploadFailure failureOf(LakeException e, String uuid) {
    return switch (e.reason()) {
      case NO_SUCH_UPLOAD -> new UploadFailure.UnknownUpload(uuid);
      case ENTITY_TOO_SMALL, INVALID_PART -> new UploadFailure.PartsRejected(uuid, partProblem(e.reason()));
      case NO_SUCH_BUCKET, ACCESS_DENIED, INVALID_KEY -> new UploadFailure.LakeMisconfigured(
          e.reason() + ": " + e.getMessage());
      case UNAVAILABLE -> new UploadFailure.LakeUnavailable(e.getMessage() == null ? "unavailable" : e.getMessage());
    };
  }

  private static String partProblem(LakeException.Reason reason) {
    return reason == LakeException.Reason.ENTITY_TOO_SMALL
        ? "every part but the last must be at least 5 MiB"
        : "a listed part is missing or was replaced";
  }
}
