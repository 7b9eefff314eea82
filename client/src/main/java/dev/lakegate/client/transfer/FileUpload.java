package dev.lakegate.client.transfer;

import dev.lakegate.client.UploadException;
import dev.lakegate.client.UploadFailure;
import dev.lakegate.client.UploadListener;
import dev.lakegate.client.UploadResult;
import dev.lakegate.client.transfer.ResumeJournal.Header;
import dev.lakegate.client.transfer.ResumeJournal.StoredPart;
import dev.lakegate.client.transfer.UploadApi.MultipartStart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The upload of one file. Small files go in one PUT; large ones in parts read straight from disk
 * (once to hash, once per attempt to send, never all in memory), with a {@link ResumeJournal} that
 * lets a later run skip the parts the lake already holds. A journal whose upload the server no
 * longer knows (a 4xx when continuing it) is dropped and the file is sent afresh, once.
 */
final class FileUpload {
  private final UploadEngine engine;
  private final Path file;
  private final String source;
  private final UploadListener listener;

  FileUpload(UploadEngine engine, Path file, UploadListener listener) {
    this.engine = engine;
    this.file = file.toAbsolutePath().normalize();
    this.source = file.toString();
    this.listener = listener;
  }

  UploadResult run() throws UploadException {
    Instant start = engine.clock().instant();
    long size;
    long modified;
    try {
      if (!Files.isRegularFile(file)) {
        throw new UploadException(new UploadFailure.LocalInput(source, "not a regular file"));
      }
      size = Files.size(file);
      modified = Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      if (e instanceof UploadException u) {
        throw u;
      }
      throw new UploadException(new UploadFailure.LocalInput(source, String.valueOf(e.getMessage())), e);
    }
    LakePut lake = engine.lakePut(listener);
    try {
      if (size <= engine.settings().singlePutThreshold()) {
        listener.started(source, size, 0);
        PartBody whole = new PartBody.FileRange(file, 0, size);
        return engine.single(source, whole, MultipartRun.hash(source, whole), lake, start);
      }
      return multipart(size, modified, lake, start);
    } finally {
      listener.finished(source);
    }
  }

  private UploadResult multipart(long size, long modified, LakePut lake, Instant start) throws UploadException {
    PartPlan plan = PartPlan.of(size, engine.settings().partSize());
    String api = engine.api().base().toString();
    Path location = ResumeJournal.location(engine.settings().stateDirectory(), api, file.toString());
    Header wanted = new Header(api, file.toString(), size, modified, plan.partSize(), "", "");
    Optional<ResumeJournal> earlier = journal(() -> ResumeJournal.resume(location, wanted));
    if (earlier.isPresent()) {
      try {
        return send(earlier.get(), plan, lake, start);
      } catch (UploadException e) {
        if (!(e.failure() instanceof UploadFailure.Rejected rejected) || rejected.status() >= 500) {
          throw e;
        }
        // The server no longer knows that upload (completed already, or forgotten): start again.
        journal(() -> {
          earlier.get().delete();
          return Optional.empty();
        });
      }
    }
    MultipartStart upload = engine.api().multiInit();
    ResumeJournal fresh = journal(() ->
        ResumeJournal.create(location, new Header(api, file.toString(), size, modified, plan.partSize(),
            upload.uuid(), upload.uploadId())));
    return send(fresh, plan, lake, start);
  }

  private UploadResult send(ResumeJournal journal, PartPlan plan, LakePut lake, Instant start) throws UploadException {
    Header header = journal.header();
    MultipartStart upload = new MultipartStart(header.uuid(), header.uploadId());
    Map<Integer, StoredPart> stored = journal.storedParts();
    List<Integer> pending = IntStream.rangeClosed(1, plan.count()).filter(n -> !stored.containsKey(n)).boxed().toList();
    long already = stored.keySet().stream().filter(n -> n <= plan.count()).mapToLong(plan::length).sum();
    listener.started(source, plan.size(), already);
    try {
      engine.multipart(listener).send(source, upload, pending,
          n -> new MultipartRun.PendingPart(n, new PartBody.FileRange(file, plan.offset(n), plan.length(n)), null),
          lake, (n, md5, etag) -> journal.record(new StoredPart(n, md5.base64(), etag)));
      UploadResult result = engine.complete(source, upload, plan, lake, start);
      journal(() -> {
        journal.delete();
        return result;
      });
      return result;
    } finally {
      journal(() -> {
        journal.close();
        return journal;
      });
    }
  }

  /** A journal step; its I/O errors are the local side's. */
  @FunctionalInterface
  private interface JournalStep<T> {
    T run() throws IOException;
  }

  private <T> T journal(JournalStep<T> step) throws UploadException {
    try {
      return step.run();
    } catch (IOException e) {
      throw new UploadException(
          new UploadFailure.LocalInput(source, "resume journal in the state directory: " + e.getMessage()), e);
    }
  }
}
