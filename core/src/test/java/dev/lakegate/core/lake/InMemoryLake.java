package dev.lakegate.core.lake;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Lake} held in memory, for tests of code above the port: it records what was written
 * and presigned, lets a test add parts as if a partner had uploaded them, and can be told to fail
 * the next call with a given reason. Presigned URLs point at {@code https://lake.test/}.
 */
public final class InMemoryLake implements Lake {
  private final Clock clock;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
  private final Map<String, List<UploadedPart>> parts = new ConcurrentHashMap<>();
  private final List<String> presigned = Collections.synchronizedList(new ArrayList<>());
  private volatile Optional<LakeException.Reason> failNext = Optional.empty();
  private int uploadCounter;

  public InMemoryLake(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String bucket() {
    return "landing";
  }

  @Override
  public PresignedUrl presignPut(String key, String contentMd5, Duration validity) {
    failIfAsked();
    presigned.add("PUT " + key + " " + contentMd5);
    return new PresignedUrl("https://lake.test/landing/" + key, clock.instant().plus(validity));
  }

  @Override
  public synchronized String startMultipart(String key, String owner) {
    failIfAsked();
    uploadCounter++;
    String uploadId = "upload-" + uploadCounter;
    uploads.put(key, new MultipartUpload(key, uploadId, owner, clock.instant()));
    parts.put(uploadId, Collections.synchronizedList(new ArrayList<>()));
    return uploadId;
  }

  @Override
  public Optional<MultipartUpload> findMultipart(String key) {
    failIfAsked();
    return Optional.ofNullable(uploads.get(key));
  }

  @Override
  public PresignedUrl presignPart(String key, String uploadId, int partNumber, String contentMd5, Duration validity) {
    failIfAsked();
    presigned.add("PART " + key + " " + uploadId + " " + partNumber + " " + contentMd5);
    return new PresignedUrl(
        "https://lake.test/landing/" + key + "?partNumber=" + partNumber + "&uploadId=" + uploadId,
        clock.instant().plus(validity));
  }

  @Override
  public List<UploadedPart> listParts(String key, String uploadId) {
    failIfAsked();
    List<UploadedPart> listed = parts.get(uploadId);
    if (listed == null) {
      throw new LakeException(LakeException.Reason.NO_SUCH_UPLOAD, "no upload " + uploadId);
    }
    return List.copyOf(listed);
  }

  @Override
  public CompletedMultipart completeMultipart(String key, String uploadId, List<UploadedPart> completed) {
    failIfAsked();
    uploads.remove(key);
    parts.remove(uploadId);
    objects.put(key, new byte[0]);
    return new CompletedMultipart(key, "\"completed-" + completed.size() + "\"", completed.size());
  }

  @Override
  public void putObject(String key, byte[] content, String contentType) {
    failIfAsked();
    objects.put(key, content.clone());
  }

  /** Records a part as if the partner had PUT it to a presigned URL. */
  public void addPart(String uploadId, UploadedPart part) {
    List<UploadedPart> listed = parts.get(uploadId);
    if (listed == null) {
      throw new IllegalArgumentException("no upload " + uploadId);
    }
    listed.add(part);
  }

  /** The object written under a key, if any. */
  public Optional<byte[]> object(String key) {
    return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
  }

  /** Every key written so far. */
  public List<String> keys() {
    return objects.keySet().stream().sorted().toList();
  }

  /** Descriptions of every URL presigned so far, in order. */
  public List<String> presigned() {
    return List.copyOf(presigned);
  }

  /** Makes the next call fail with a {@link LakeException} of that reason. */
  public void failNextCall(LakeException.Reason reason) {
    failNext = Optional.of(reason);
  }

  private void failIfAsked() {
    Optional<LakeException.Reason> reason = failNext;
    if (reason.isPresent()) {
      failNext = Optional.empty();
      throw new LakeException(reason.get(), "failure injected by the test");
    }
  }

  /** Objects by key, for assertions on everything at once. */
  public Map<String, byte[]> objects() {
    return new LinkedHashMap<>(objects);
  }
}
