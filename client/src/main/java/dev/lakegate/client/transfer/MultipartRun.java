package dev.lakegate.client.transfer;

import dev.lakegate.client.UploadException;
import dev.lakegate.client.UploadFailure;
import dev.lakegate.client.UploadListener;
import dev.lakegate.client.http.Retrier;
import dev.lakegate.client.transfer.UploadApi.MultipartStart;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Sends the pending parts of one multipart upload, at most as many at a time as the shared
 * transfer slots allow. The caller's thread takes a slot before it produces a part (so a stream
 * is never read further ahead than the slots allow), and a virtual thread per part hashes it when
 * needed, asks for its presigned URL and PUTs it, retrying on its own. The first part that fails
 * for good stops new parts from starting; parts already in flight finish and are recorded, which
 * a resumed run then skips.
 */
final class MultipartRun {

  /** A part ready to send; {@code md5} is null when it is still to be computed from the body. */
  record PendingPart(int number, PartBody body, @Nullable ContentMd5 md5) {}

  /** Produces part {@code number}, in increasing order. */
  @FunctionalInterface
  interface PartSource {
    PendingPart next(int number) throws UploadException;
  }

  /** Hears of each part the lake accepted. */
  @FunctionalInterface
  interface PartSink {
    void stored(int number, ContentMd5 md5, String etag) throws IOException;
  }

  private final UploadApi api;
  private final Retrier retrier;
  private final Semaphore slots;
  private final Clock clock;
  private final UploadListener listener;

  MultipartRun(UploadApi api, Retrier retrier, Semaphore slots, Clock clock, UploadListener listener) {
    this.api = api;
    this.retrier = retrier;
    this.slots = slots;
    this.clock = clock;
    this.listener = listener;
  }

  /** Sends {@code numbers} of {@code upload} from {@code source}; returns when all are stored. */
  void send(String source, MultipartStart upload, List<Integer> numbers, PartSource parts, LakePut lake, PartSink sink)
      throws UploadException {
    AtomicReference<@Nullable UploadException> failure = new AtomicReference<>();
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int number : numbers) {
        acquire(source, failure, workers);
        if (failure.get() != null) {
          slots.release();
          break;
        }
        PendingPart part;
        try {
          part = parts.next(number);
        } catch (UploadException e) {
          slots.release();
          failure.compareAndSet(null, e);
          break;
        }
        workers.execute(() -> {
          try {
            sendOne(source, upload, part, lake, sink);
          } catch (UploadException e) {
            failure.compareAndSet(null, e);
          } finally {
            slots.release();
          }
        });
      }
    }
    UploadException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
  }

  private void acquire(String source, AtomicReference<@Nullable UploadException> failure, ExecutorService workers)
      throws UploadException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
      UploadException stopped = new UploadException(new UploadFailure.Interrupted("upload of " + source), e);
      failure.compareAndSet(null, stopped);
      throw stopped;
    }
  }

  private void sendOne(String source, MultipartStart upload, PendingPart part, LakePut lake, PartSink sink)
      throws UploadException {
    String call = "PUT part " + part.number() + " of " + source;
    ContentMd5 md5 = part.md5() != null ? part.md5() : hash(source, part.body());
    FreshTarget target = new FreshTarget(() -> api.multiUpload(upload, part.number(), md5.base64()), clock);
    String etag = retrier.call(call, () -> lake.put(target.get().url(), md5, part.body()));
    try {
      sink.stored(part.number(), md5, etag);
    } catch (IOException e) {
      throw new UploadException(new UploadFailure.LocalInput(source, "cannot write the resume journal: " + e), e);
    }
    listener.partStored(source, part.number());
  }

  static ContentMd5 hash(String source, PartBody body) throws UploadException {
    try {
      return ContentMd5.of(body);
    } catch (IOException e) {
      throw new UploadException(new UploadFailure.LocalInput(source, String.valueOf(e.getMessage())), e);
    }
  }
}
