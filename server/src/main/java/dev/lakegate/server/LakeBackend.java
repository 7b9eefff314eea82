package dev.lakegate.server;

import dev.lakegate.auth.key.MasterKey;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.core.lake.Lake;
import dev.lakegate.lake.local.FileSystemLake;
import dev.lakegate.lake.local.FileSystemLakeSettings;
import dev.lakegate.lake.local.FlushObserver;
import dev.lakegate.lake.local.LocalLakeEndpoint;
import dev.lakegate.lake.local.SigningCredentials;
import dev.lakegate.lake.s3.S3Lake;
import dev.lakegate.server.metrics.ServerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The lake the server writes to ({@code contract.md} §6): the filesystem lake under {@code
 * standalone.lake.dir} (served on the server's own listener, with a periodic removal of abandoned
 * multipart uploads), or with {@code standalone.lake.s3} the S3 lake, whose presigned URLs point at
 * S3 and which the server does not serve. The local lake's presigning key is derived from the
 * master key, so presigned URLs stay valid across restarts and nothing more is stored.
 */
final class LakeBackend implements AutoCloseable {
  private static final Duration MAX_CLEANUP_INTERVAL = Duration.ofHours(1);

  private final Lake lake;
  private final Optional<FileSystemLake> local;
  private final Optional<LocalLakeEndpoint> endpoint;
  private final Optional<Path> writableDir;
  private final Runnable closer;
  private final Logger log;
  private @Nullable ScheduledExecutorService cleanup;

  private LakeBackend(Lake lake, Optional<FileSystemLake> local, Optional<Path> writableDir, Runnable closer, Logger log) {
    this.lake = lake;
    this.local = local;
    this.endpoint = local.map(FileSystemLake::endpoint);
    this.writableDir = writableDir;
    this.closer = closer;
    this.log = log;
  }

  /** Opens the configured lake; the local one presigns URLs under {@code baseUrl}. */
  static LakeBackend open(LakegateConfig config, URI baseUrl, MasterKey masterKey, Clock clock, RandomGenerator random, Logger log) {
    String bucket = config.api().targetBucketName();
    return switch (config.standalone().lake()) {
      case StandaloneConfig.LocalLake dir -> {
        String secret = Base64.getEncoder().withoutPadding().encodeToString(masterKey.derive("lake-presign-secret"));
        String keyId = "LG" + HexFormat.of().withUpperCase().formatHex(masterKey.derive("lake-presign-key-id"), 0, 9);
        var settings = new FileSystemLakeSettings(dir, bucket, baseUrl, new SigningCredentials(keyId, secret, SigningCredentials.DEFAULT_REGION));
        try {
          FileSystemLake lake = FileSystemLake.open(settings, clock, random);
          // Known a few seconds after the start, once the vector lanes have warmed up, and again if
          // they are compiled only after the warm-up's limit.
          FileSystemLake.watchMidSizedMd5(how -> log.info("lake: mid-sized bodies are hashed {}", how));
          yield new LakeBackend(lake, Optional.of(lake), Optional.of(dir.dir().resolve(bucket)), lake::close, log);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot open the lake in " + dir.dir(), e);
        }
      }
      case StandaloneConfig.S3Lake s3 -> {
        S3Lake lake = S3Lake.open(bucket, s3, clock);
        yield new LakeBackend(lake, Optional.empty(), Optional.empty(), lake::close, log);
      }
    };
  }

  /** The lake the upload operations use. */
  Lake lake() {
    return lake;
  }

  /** The endpoint to mount on the listener; empty for S3, which serves its own URLs. */
  Optional<LocalLakeEndpoint> endpoint() {
    return endpoint;
  }

  /** Readiness: the local bucket directory accepts writes; an S3 lake is assumed reachable. */
  boolean writable() {
    return writableDir.map(dir -> Files.isDirectory(dir) && Files.isWritable(dir)).orElse(true);
  }

  /** Adds the local lake's meters to {@code metrics}; the S3 lake has none. */
  void bindMetrics(ServerMetrics metrics) {
    if (local.isPresent()) {
      metrics.lakeMd5Lanes(FileSystemLake::bodiesHashedInLanes, FileSystemLake::batchesHashedInLanes);
      metrics.lakeJournal(local.get()::groupCommits, local.get()::pacedGroupCommits);
      ServerMetrics.LakeFlushes flushes = metrics.lakeFlushes();
      local.get().observeFlushes(new FlushObserver(
          nanos -> flushes.journal().record(nanos, TimeUnit.NANOSECONDS),
          nanos -> flushes.fileSystem().record(nanos, TimeUnit.NANOSECONDS)));
    }
  }

  /** Starts the periodic removal of abandoned multipart uploads (local lake only). */
  void startCleanup(Clock clock) {
    if (local.isEmpty()) {
      return;
    }
    FileSystemLake fs = local.get();
    Duration half = fs.abandonedUploadAge().dividedBy(2);
    long every = (half.compareTo(MAX_CLEANUP_INTERVAL) < 0 ? half : MAX_CLEANUP_INTERVAL).toMillis();
    cleanup = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("lake-cleanup").factory());
    var unused = cleanup.scheduleWithFixedDelay(() -> {
      try {
        int removed = fs.cleanAbandoned(clock.instant());
        if (removed > 0) {
          log.info("removed {} abandoned multipart uploads", removed);
        }
      } catch (RuntimeException e) {
        // A failed sweep must not end the schedule; the next one retries.
        log.warn("abandoned-upload cleanup failed", e);
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (cleanup != null) {
      cleanup.shutdownNow();
    }
    closer.run();
  }
}
