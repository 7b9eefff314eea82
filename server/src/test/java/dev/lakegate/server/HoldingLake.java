package dev.lakegate.server;

import dev.lakegate.core.lake.CompletedMultipart;
import dev.lakegate.core.lake.Lake;
import dev.lakegate.core.lake.MultipartUpload;
import dev.lakegate.core.lake.PresignedUrl;
import dev.lakegate.core.lake.UploadedPart;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A lake whose {@link #presignPut} waits until {@link #release()}, so a test can keep upload-API
 * requests in flight without sleeping. {@link #awaitEntered} returns once that many are waiting.
 */
final class HoldingLake implements Lake {
  private final Lake delegate;
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch entered;

  HoldingLake(Lake delegate, int expected) {
    this.delegate = delegate;
    this.entered = new CountDownLatch(expected);
  }

  void release() {
    release.countDown();
  }

  boolean awaitEntered() throws InterruptedException {
    return entered.await(30, TimeUnit.SECONDS);
  }

  @Override
  public String bucket() {
    return delegate.bucket();
  }

  @Override
  public PresignedUrl presignPut(String key, String contentMd5, Duration validity) {
    entered.countDown();
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
