package dev.lakegate.lake.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakegate.core.lake.LakeException;
import dev.lakegate.core.lake.MultipartUpload;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Which multipart upload belongs to which key and app client, kept as one small JSON object per
 * upload under {@code .lakegate/multipart/<key>.json} in the lake's own bucket. Kept in the bucket,
 * not in memory or a local file, so that a stateless Lambda and a standalone server writing to the
 * same bucket see the same uploads (the {@code Lake} port's {@code startMultipart} record).
 */
final class MultipartLedger {
  static final String PREFIX = ObjectKeys.RESERVED_PREFIX + "multipart/";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final S3Client s3;
  private final String bucket;

  MultipartLedger(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /** How much longer a record's key is than the key it records. */
  static final int RECORD_KEY_OVERHEAD = PREFIX.length() + ".json".length();

  /** The reserved key holding the record of {@code key}'s upload. */
  static String recordKey(String key) {
    return PREFIX + key + ".json";
  }

  void write(MultipartUpload upload) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Entry.of(upload));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("multipart record not serialisable", e);
    }
    try {
      s3.putObject(
          b -> b.bucket(bucket).key(recordKey(upload.key())).contentType("application/json"),
          RequestBody.fromBytes(body));
    } catch (SdkException e) {
      throw S3Failures.translate(e, "record multipart upload of " + upload.key());
    }
  }

  Optional<MultipartUpload> read(String key) {
    byte[] body;
    try {
      body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(recordKey(key))).asByteArray();
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw S3Failures.translate(e, "read multipart record of " + key);
    }
    try {
      return Optional.of(JSON.readValue(body, Entry.class).toUpload(key));
    } catch (IOException | IllegalArgumentException | DateTimeParseException | NullPointerException e) {
      // A record someone else wrote or damaged: fail closed rather than guess the owner.
      throw new LakeException(LakeException.Reason.UNAVAILABLE, "unreadable multipart record of " + key, e);
    }
  }

  void delete(String key) {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(recordKey(key)));
    } catch (SdkException e) {
      throw S3Failures.translate(e, "delete multipart record of " + key);
    }
  }

  /** The stored form; the key is implied by where it is stored and checked on reading. */
  record Entry(String key, String uploadId, String owner, String startedAt) {
    static Entry of(MultipartUpload upload) {
      return new Entry(upload.key(), upload.uploadId(), upload.owner(), upload.startedAt().toString());
    }

    MultipartUpload toUpload(String expectedKey) {
      if (!expectedKey.equals(key)) {
        throw new IllegalArgumentException("record names another key");
      }
      return new MultipartUpload(key, uploadId, owner, Instant.parse(startedAt));
    }
  }
}
