package dev.lakegate.core.lake;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One bucket of an object store, as the upload operations of {@code contract.md} §4 use it. Keys
 * are full object keys inside the bucket ({@code incoming/5f0c...}); callers build them, and
 * implementations must refuse any key that would leave the bucket.
 *
 * <p>Every method may throw {@link LakeException} for a failure the caller should report (unknown
 * upload, missing bucket, denied access, store unavailable); nothing else escapes but bugs.
 */
public interface Lake {

  /** The bucket this lake writes to. */
  String bucket();

  /** A URL that accepts one {@code PUT} of {@code key} whose body has the given {@code Content-MD5}. */
  PresignedUrl presignPut(String key, String contentMd5, Duration validity);

  /**
   * Starts a multipart upload of {@code key} on behalf of {@code owner} (an app client id) and
   * records, durably, which upload id belongs to the key and who owns it.
   *
   * @return the upload id
   */
  String startMultipart(String key, String owner);

  /**
   * The multipart upload in progress for {@code key}, as recorded by {@link #startMultipart};
   * empty when there is none (never started, completed, or cleaned up).
   */
  Optional<MultipartUpload> findMultipart(String key);

  /** A URL that accepts one {@code PUT} of part {@code partNumber} (1..10000) with that {@code Content-MD5}. */
  PresignedUrl presignPart(String key, String uploadId, int partNumber, String contentMd5, Duration validity);

  /** The parts uploaded so far, in part-number order (all pages). */
  List<UploadedPart> listParts(String key, String uploadId);

  /** Completes the upload from the given parts, in the order given, and forgets its record. */
  CompletedMultipart completeMultipart(String key, String uploadId, List<UploadedPart> parts);

  /**
   * Writes a small object (a metadata document) whole; when this returns the object is durable.
   * An existing object of that key is replaced.
   */
  void putObject(String key, byte[] content, String contentType);
}
