package dev.lakegate.lake.s3;

import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.core.lake.CompletedMultipart;
import dev.lakegate.core.lake.Lake;
import dev.lakegate.core.lake.LakeException;
import dev.lakegate.core.lake.MultipartUpload;
import dev.lakegate.core.lake.PresignedUrl;
import dev.lakegate.core.lake.UploadedPart;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

/**
 * The {@link Lake} port on one S3 bucket ({@code contract.md} §4): presigned {@code PUT}s and part
 * uploads bound to a {@code Content-MD5}, multipart start, listing (every page) and completion,
 * and whole writes of metadata objects. Ownership of multipart uploads is kept in the bucket by
 * {@link MultipartLedger}. Every SDK failure leaves as a {@link LakeException}. Build it with
 * {@link #open}.
 */
public final class S3Lake implements Lake, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(S3Lake.class);

  /** S3 refuses presigned URLs valid for longer than seven days. */
  static final Duration MAX_VALIDITY = Duration.ofDays(7);

  /** S3's own page size for ListParts. */
  static final int DEFAULT_LIST_PAGE_SIZE = 1000;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;
  private final Clock clock;
  private final int listPageSize;
  private final MultipartLedger ledger;

  S3Lake(S3Client s3, S3Presigner presigner, String bucket, Clock clock, int listPageSize) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.presigner = Objects.requireNonNull(presigner, "presigner");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (listPageSize < 1 || listPageSize > DEFAULT_LIST_PAGE_SIZE) {
      throw new IllegalArgumentException("listPageSize must be 1..1000: " + listPageSize);
    }
    this.listPageSize = listPageSize;
    this.ledger = new MultipartLedger(s3, bucket);
  }

  /**
   * A lake on {@code bucket} with the settings of {@code standalone.lake.s3}; credentials, and the
   * region when none is set, come from the AWS SDK's default chains.
   */
  public static S3Lake open(String bucket, StandaloneConfig.S3Lake settings, Clock clock) {
    return open(bucket, settings, DefaultCredentialsProvider.builder().build(), clock);
  }

  /** A lake on {@code bucket} with the settings of {@code standalone.lake.s3} and these credentials. */
  public static S3Lake open(
      String bucket, StandaloneConfig.S3Lake settings, AwsCredentialsProvider credentials, Clock clock) {
    return open(bucket, settings, credentials, clock, DEFAULT_LIST_PAGE_SIZE);
  }

  static S3Lake open(
      String bucket, StandaloneConfig.S3Lake settings, AwsCredentialsProvider credentials, Clock clock, int listPageSize) {
    S3Connection connection = S3Connection.of(settings, credentials);
    return new S3Lake(connection.s3(), connection.presigner(), bucket, clock, listPageSize);
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public PresignedUrl presignPut(String key, String contentMd5, Duration validity) {
    ObjectKeys.check(key);
    String md5 = checkMd5(contentMd5);
    Duration duration = checkValidity(validity);
    try {
      PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p
          .signatureDuration(duration)
          .putObjectRequest(r -> r.bucket(bucket).key(key).contentMD5(md5)));
      return new PresignedUrl(presigned.url().toString(), presigned.expiration());
    } catch (SdkException e) {
      throw S3Failures.translate(e, "presign PUT of " + key);
    }
  }

  @Override
  public String startMultipart(String key, String owner) {
    ObjectKeys.check(key, MultipartLedger.RECORD_KEY_OVERHEAD);
    Objects.requireNonNull(owner, "owner");
    String uploadId;
    try {
      uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    } catch (SdkException e) {
      throw S3Failures.translate(e, "start multipart upload of " + key);
    }
    try {
      ledger.write(new MultipartUpload(key, uploadId, owner, clock.instant()));
    } catch (LakeException e) {
      // Without its record nobody could continue the upload: do not leave it dangling in S3.
      abortQuietly(key, uploadId);
      throw e;
    }
    return uploadId;
  }

  @Override
  public Optional<MultipartUpload> findMultipart(String key) {
    ObjectKeys.check(key, MultipartLedger.RECORD_KEY_OVERHEAD);
    return ledger.read(key);
  }

  @Override
  public PresignedUrl presignPart(String key, String uploadId, int partNumber, String contentMd5, Duration validity) {
    ObjectKeys.check(key);
    if (partNumber < 1 || partNumber > 10_000) {
      throw new IllegalArgumentException("part number must be 1..10000: " + partNumber);
    }
    String md5 = checkMd5(contentMd5);
    Duration duration = checkValidity(validity);
    try {
      PresignedUploadPartRequest presigned = presigner.presignUploadPart(p -> p
          .signatureDuration(duration)
          .uploadPartRequest(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentMD5(md5)));
      return new PresignedUrl(presigned.url().toString(), presigned.expiration());
    } catch (SdkException e) {
      throw S3Failures.translate(e, "presign part " + partNumber + " of " + key);
    }
  }

  @Override
  public List<UploadedPart> listParts(String key, String uploadId) {
    ObjectKeys.check(key);
    List<UploadedPart> parts = new ArrayList<>();
    Integer marker = null;
    try {
      while (true) {
        Integer after = marker;
        ListPartsResponse page = s3.listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)
            .maxParts(listPageSize).partNumberMarker(after));
        for (Part part : page.parts()) {
          parts.add(new UploadedPart(part.partNumber(), part.eTag(), part.size() == null ? 0 : part.size()));
        }
        if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextPartNumberMarker() == null) {
          break;
        }
        marker = page.nextPartNumberMarker();
      }
    } catch (SdkException e) {
      throw S3Failures.translate(e, "list parts of " + key);
    }
    parts.sort((a, b) -> Integer.compare(a.partNumber(), b.partNumber()));
    return List.copyOf(parts);
  }

  @Override
  public CompletedMultipart completeMultipart(String key, String uploadId, List<UploadedPart> parts) {
    ObjectKeys.check(key);
    if (parts.isEmpty()) {
      // S3 answers an empty part list with MalformedXML; say what is wrong instead.
      throw new LakeException(LakeException.Reason.INVALID_PART, "completion of " + key + " with no parts");
    }
    List<CompletedPart> completed = parts.stream()
        .map(p -> CompletedPart.builder().partNumber(p.partNumber()).eTag(p.etag()).build())
        .toList();
    String etag;
    try {
      etag = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
          .multipartUpload(m -> m.parts(completed))).eTag();
    } catch (SdkException e) {
      throw S3Failures.translate(e, "complete multipart upload of " + key);
    }
    forgetQuietly(key);
    return new CompletedMultipart(key, etag, parts.size());
  }

  @Override
  public void putObject(String key, byte[] content, String contentType) {
    ObjectKeys.check(key);
    String md5 = md5Base64(content);
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentMD5(md5),
          RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw S3Failures.translate(e, "put object " + key);
    }
  }

  /** Closes the SDK clients. */
  @Override
  public void close() {
    presigner.close();
    s3.close();
  }

  private void abortQuietly(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      LOG.warn("could not abort multipart upload of {} after failing to record it: {}", key, e.getMessage());
    }
  }

  private void forgetQuietly(String key) {
    // The object is complete and durable; a stale record only makes a retried completion answer
    // "no such upload", so failing the partner's request here would be worse than a warning.
    try {
      ledger.delete(key);
    } catch (LakeException e) {
      LOG.warn("completed {} but could not delete its multipart record: {}", key, e.getMessage());
    }
  }

  private static String md5Base64(byte[] content) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  private static String checkMd5(String contentMd5) {
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(contentMd5);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Content-MD5 is not base64", e);
    }
    if (digest.length != 16) {
      throw new IllegalArgumentException("Content-MD5 is not 16 bytes");
    }
    return contentMd5;
  }

  private static Duration checkValidity(Duration validity) {
    if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException("validity must be within (0, 7 days]: " + validity);
    }
    return validity;
  }
}
