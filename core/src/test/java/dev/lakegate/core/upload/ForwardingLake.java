package dev.lakegate.core.upload;

import dev.lakegate.core.lake.CompletedMultipart;
import dev.lakegate.core.lake.Lake;
import dev.lakegate.core.lake.MultipartUpload;
import dev.lakegate.core.lake.PresignedUrl;
import dev.lakegate.core.lake.UploadedPart;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A lake that passes every call on; tests override the one call they want to fail. */
class ForwardingLake implements Lake {
  private final Lake delegate;

  ForwardingLake(Lake delegate) {
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
