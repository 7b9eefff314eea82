package dev.lakegate.lake.s3;

import dev.lakegate.core.lake.LakeException;
import dev.lakegate.core.lake.LakeException.Reason;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns what the AWS SDK throws into the {@link LakeException} reasons of the {@code Lake} port,
 * so that an S3 failure reaches the partner as the contract's 4xx or 5xx ({@code contract.md} §4)
 * and never as a stack trace. The message keeps S3's error code and request id for the log; it
 * holds no credential.
 */
final class S3Failures {
  private static final Set<String> DENIED = Set.of(
      "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken",
      "AllAccessDisabled", "AccountProblem", "InvalidSecurity", "RequestTimeTooSkewed");

  private S3Failures() {}

  /** The lake failure for {@code failure}, raised while doing {@code action} (for the log). */
  static LakeException translate(SdkException failure, String action) {
    if (!(failure instanceof S3Exception s3)) {
      // No answer from the store at all: connection refused, timeout, no credentials in the chain.
      return new LakeException(Reason.UNAVAILABLE, action + ": " + failure.getMessage(), failure);
    }
    String code = s3.awsErrorDetails() == null ? "" : String.valueOf(s3.awsErrorDetails().errorCode());
    String detail = action + ": S3 " + s3.statusCode() + " " + code + " (request " + s3.requestId() + ")";
    return new LakeException(reasonFor(code, s3.statusCode()), detail, failure);
  }

  static Reason reasonFor(String code, int status) {
    if (DENIED.contains(code)) {
      return Reason.ACCESS_DENIED;
    }
    return switch (code) {
      case "NoSuchBucket" -> Reason.NO_SUCH_BUCKET;
      case "NoSuchUpload" -> Reason.NO_SUCH_UPLOAD;
      case "EntityTooSmall" -> Reason.ENTITY_TOO_SMALL;
      case "InvalidPart", "InvalidPartOrder" -> Reason.INVALID_PART;
      case "KeyTooLongError", "InvalidObjectName" -> Reason.INVALID_KEY;
      // HEAD-style answers carry no code: 403 is still a denial.
      default -> status == 403 ? Reason.ACCESS_DENIED : Reason.UNAVAILABLE;
    };
  }
}
