package dev.lakegate.lake.local;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the lake answers to one {@link LakeRequest}: a status, headers to set, and a body (S3's XML
 * error document, or empty on success). The server writes status, headers and body out as they
 * are (for a {@code HEAD} request it drops the body) and may log {@code failureDetail}, which is
 * never sent to the caller.
 *
 * @param failureDetail why the request was refused, for the server's log; empty on success
 */
@SuppressWarnings("ArrayRecordComponent") // the body is copied in and out
public record LakeResponse(int status, Map<String, String> headers, byte[] body, Optional<String> failureDetail) {
  public LakeResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(failureDetail, "failureDetail");
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LakeResponse that
        && status == that.status
        && headers.equals(that.headers)
        && Arrays.equals(body, that.body)
        && failureDetail.equals(that.failureDetail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body), failureDetail);
  }

  @Override
  public String toString() {
    return "LakeResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
  }
}
