package dev.lakegate.core.lake;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A lake that passes every call on; tests override the calls they want to fail, hold or count. */
public class ForwardingLake implements Lake {
  private final Lake delegate;

  public ForwardingLake(Lake delegate) {
    this.delegate = delegate;
  }

  @Override
  public String bucket() {
    return delegate.bucket();
  }

  @Override
  public PresignedUrl presignPut(String key, String contentMd5, Duration validity) {
    return delegate.presignPut(key, contentMd5, validity);
  }

  @Override
  public String startMultipart(String key, String owner) {
    return delegate.startMultipart(key, owner);
  }

  @Override
  public Optional<MultipartUpload> findMultipart(String key) {
    return delegate.findMultipart(key);
  }

  @Override
  public PresignedUrl presignPart(String key, String uploadId, int partNumber, String contentMd5, Duration validity) {
    return delegate.presignPart(key, uploadId, partNumber, contentMd5, validity);
  }

  @Override
  public List<UploadedPart> listParts(String key, String uploadId) {
    return delegate.listParts(key, uploadId);
  }

  @Override
  public CompletedMultipart completeMultipart(String key, String uploadId, List<UploadedPart> parts) {
    return delegate.completeMultipart(key, uploadId, parts);
  }

  @Override
  public void putObject(String key, byte[] content, String contentType) {
    delegate.putObject(key, content, contentType);
  }
}
