package dev.lakegate.lake.local;

/**
 * Every error the filesystem lake answers with, in S3's vocabulary: the wire code (written out,
 * as S3 spells it), the HTTP status, and the message S3 sends. {@code contract.md} §6 requires
 * S3's codes; the codes are S3's REST error responses.
 */
public enum S3Error {
  ACCESS_DENIED("AccessDenied", 403, "Access Denied"),
  REQUEST_EXPIRED("AccessDenied", 403, "Request has expired"),
  REQUEST_NOT_YET_VALID("AccessDenied", 403, "Request is not valid yet"),
  MALFORMED_AUTHORIZATION(
      "AccessDenied", 403, "Query-string authentication parameters are missing, malformed or out of range"),
  INVALID_ACCESS_KEY_ID(
      "InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
  SIGNATURE_DOES_NOT_MATCH(
      "SignatureDoesNotMatch",
      403,
      "The request signature we calculated does not match the signature you provided."
          + " Check your key and signing method."),
  BAD_DIGEST("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
  INVALID_DIGEST("InvalidDigest", 400, "The Content-MD5 you specified is not valid."),
  INVALID_ARGUMENT("InvalidArgument", 400, "Invalid Argument"),
  BODY_LONGER_THAN_CONTENT_LENGTH("InvalidRequest", 400, "The request body is longer than its Content-Length."),
  INVALID_URI("InvalidURI", 400, "Couldn't parse the specified URI."),
  KEY_TOO_LONG("KeyTooLongError", 400, "Your key is too long"),
  ENTITY_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size"),
  ENTITY_TOO_SMALL(
      "EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
  INCOMPLETE_BODY(
      "IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header"),
  MISSING_CONTENT_LENGTH("MissingContentLength", 411, "You must provide the Content-Length HTTP header."),
  INVALID_PART(
      "InvalidPart",
      400,
      "One or more of the specified parts could not be found. The part may not have been uploaded,"
          + " or the specified entity tag may not match the part's entity tag."),
  NO_SUCH_UPLOAD(
      "NoSuchUpload",
      404,
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been"
          + " aborted or completed."),
  NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist"),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
  INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "Service is unable to handle request.");

  private final String code;
  private final int status;
  private final String message;

  S3Error(String code, int status, String message) {
    this.code = code;
    this.status = status;
    this.message = message;
  }

  /** The wire code, as S3 spells it ({@code SignatureDoesNotMatch}). */
  public String code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** The message sent to the caller; the log gets the detailed reason instead. */
  public String message() {
    return message;
  }
}
