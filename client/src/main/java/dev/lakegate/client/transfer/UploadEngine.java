package dev.lakegate.client.transfer;

import dev.lakegate.client.UploadException;
import dev.lakegate.client.UploadFailure;
import dev.lakegate.client.UploadListener;
import dev.lakegate.client.UploadResult;
import dev.lakegate.client.UploadSettings;
import dev.lakegate.client.http.Retrier;
import dev.lakegate.client.transfer.UploadApi.Completion;
import dev.lakegate.client.transfer.UploadApi.MultipartStart;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * Uploads one body ({@code contract.md} §4): up to the single-PUT threshold with {@code unipart}
 * and one PUT, above it with {@code multi_init}, parallel part PUTs and {@code multi_complete}. A
 * stream is read once, part by part, into buffers of the part size and hashed while it is read;
 * files go through {@link FileUpload}, which adds the resume journal. Transfers of every upload of
 * one engine share {@code parallelism} slots, so a directory of large files does not open
 * parallelism-squared connections.
 */
public final class UploadEngine {
  /** A part of a stream lives in one array, so it stays well below the array limit of 2 GiB. */
  private static final long MAX_STREAM_PART = 1024 * UploadSettings.MIB;

  private final HttpClient http;
  private final UploadApi api;
  private final Retrier retrier;
  private final UploadSettings settings;
  private final Clock clock;
  private final Semaphore slots;

  public UploadEngine(HttpClient http, UploadApi api, Retrier retrier, UploadSettings settings, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.api = Objects.requireNonNull(api, "api");
    this.retrier = Objects.requireNonNull(retrier, "retrier");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.slots = new Semaphore(settings.parallelism(), true);
  }

  /** Uploads the regular file {@code file}, continuing an interrupted multipart upload of it. */
  public UploadResult uploadFile(java.nio.file.Path file, UploadListener listener) throws UploadException {
    return new FileUpload(this, file, listener).run();
  }

  /**
   * Uploads exactly {@code length} bytes of {@code in}, named {@code name} in results. Memory use
   * is at most one part per transfer slot, plus one.
   */
  public UploadResult uploadStream(InputStream in, long length, String name, UploadListener listener)
      throws UploadException {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, got " + length);
    }
    if (settings.partSize() > MAX_STREAM_PART) {
      throw new IllegalArgumentException("a stream is buffered a part at a time: its part size must be at most 1 GiB");
    }
    Instant start = clock.instant();
    LakePut lake = new LakePut(http, listener);
    listener.started(name, length, 0);
    try {
      if (length <= Math.min(settings.singlePutThreshold(), settings.partSize())) {
        MultipartRun.PendingPart whole = readPart(in, name, 1, (int) length);
        return single(name, whole.body(), Objects.requireNonNull(whole.md5()), lake, start);
      }
      PartPlan plan = PartPlan.of(length, settings.partSize());
      MultipartStart upload = api.multiInit();
      List<Integer> numbers = IntStream.rangeClosed(1, plan.count()).boxed().toList();
      multipart().send(name, upload, numbers, n -> readPart(in, name, n, (int) plan.length(n)), lake, (n, md5, etag) -> {});
      return complete(name, upload, plan, lake, start);
    } finally {
      listener.finished(name);
    }
  }

  UploadSettings settings() {
    return settings;
  }

  UploadApi api() {
    return api;
  }

  Clock clock() {
    return clock;
  }

  LakePut lakePut(UploadListener listener) {
    return new LakePut(http, listener);
  }

  MultipartRun multipart() {
    return multipart(UploadListener.NONE);
  }

  MultipartRun multipart(UploadListener listener) {
    return new MultipartRun(api, retrier, slots, clock, listener);
  }

  /** One {@code unipart} call and one PUT, holding a transfer slot. */
  UploadResult single(String source, PartBody body, ContentMd5 md5, LakePut lake, Instant start) throws UploadException {
    acquireSlot(source);
    try {
      FreshTarget target = new FreshTarget(() -> api.unipart(md5.base64()), clock);
      String etag = retrier.call("PUT " + source, () -> lake.put(target.get().url(), md5, body));
      return new UploadResult(source, target.last().uuid(), body.length(), etag,
          Duration.between(start, clock.instant()), lake.bytesSent());
    } finally {
      slots.release();
    }
  }

  /** Completes {@code upload} and checks that the lake assembled every part of {@code plan}. */
  UploadResult complete(String source, MultipartStart upload, PartPlan plan, LakePut lake, Instant start)
      throws UploadException {
    Completion done = api.multiComplete(upload);
    if (done.parts() != plan.count()) {
      throw new UploadException(new UploadFailure.Rejected("multi_complete of " + source, 200,
          "the lake assembled " + done.parts() + " parts where " + plan.count() + " were sent"));
    }
    return new UploadResult(source, done.uuid(), plan.size(), done.etag(),
        Duration.between(start, clock.instant()), lake.bytesSent());
  }

  private void acquireSlot(String source) throws UploadException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UploadException(new UploadFailure.Interrupted("upload of " + source), e);
    }
  }

  /** Reads the next {@code length} bytes of a stream, hashing them on the way. */
  private static MultipartRun.PendingPart readPart(InputStream in, String name, int number, int length)
      throws UploadException {
    MessageDigest md5 = ContentMd5.newDigest();
    byte[] buffer = new byte[length];
    int filled = 0;
    try {
      while (filled < length) {
        int n = in.read(buffer, filled, length - filled);
        if (n < 0) {
          throw new UploadException(new UploadFailure.LocalInput(name,
              "the stream ended in part " + number + " after " + filled + " of its " + length + " bytes"));
        }
        md5.update(buffer, filled, n);
        filled += n;
      }
    } catch (IOException e) {
      if (e instanceof UploadException u) {
        throw u;
      }
      throw new UploadException(new UploadFailure.LocalInput(name, String.valueOf(e.getMessage())), e);
    }
    return new MultipartRun.PendingPart(number, new PartBody.Buffer(buffer, length), ContentMd5.of(md5));
  }
}
