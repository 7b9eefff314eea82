package dev.lakegate.server;

import dev.lakegate.core.lake.ForwardingLake;
import dev.lakegate.core.lake.Lake;
import dev.lakegate.core.lake.PresignedUrl;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A lake whose {@link #presignPut} waits until {@link #release()}, so a test can keep upload-API
 * requests in flight without sleeping. {@link #awaitEntered} returns once that many are waiting.
 */
final class HoldingLake extends ForwardingLake {
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch entered;

  HoldingLake(Lake delegate, int expected) {
    super(delegate);
    this.entered = new CountDownLatch(expected);
  }

  void release() {
    release.countDown();
  }

  boolean awaitEntered() throws InterruptedException {
    return entered.await(30, TimeUnit.SECONDS);
  }

  @Override
  public PresignedUrl presignPut(String key, String contentMd5, Duration validity) {
    entered.countDown();
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return super.presignPut(key, contentMd5, validity);
  }
}
