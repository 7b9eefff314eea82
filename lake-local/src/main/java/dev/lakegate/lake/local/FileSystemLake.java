package dev.lakegate.lake.local;

import dev.lakegate.core.lake.CompletedMultipart;
import dev.lakegate.core.lake.Lake;
import dev.lakegate.core.lake.LakeException;
import dev.lakegate.core.lake.MultipartUpload;
import dev.lakegate.core.lake.PresignedUrl;
import dev.lakegate.core.lake.UploadedPart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The filesystem lake of {@code contract.md} §6: objects are plain files at
 * {@code <lake dir>/<bucket>/<key>}; uploads reach them through SigV4 presigned URLs on the
 * server's own base URL, served by {@link #endpoint()}. Every object is written to
 * {@code <lake dir>/.lakegate/staging}, made durable there, and renamed atomically into place, so
 * it appears whole or not at all. Where the platform flushes a whole file system in one call
 * ({@code syncfs}), uploads of the same moment share that flush twice, once for their staged
 * content and once for their renames ({@link GroupCommitter#placeFlushed}); elsewhere each staged
 * file is fsynced and its rename made durable by a record in the {@link GroupCommitter}'s
 * journal, which concurrent uploads share one data flush for. A completed multipart object's
 * rename is made durable by a directory fsync shared with the uploads renamed into the directory
 * meanwhile ({@link DirectorySync}). Metadata documents ({@link #putObject}) are journaled whole
 * by the same committer. Either way durable writes outpace the per-file fsync rate. Multipart state lives under
 * {@code <lake dir>/.lakegate/multipart} ({@link MultipartStore}) and survives restarts. The
 * server calls {@link #cleanAbandoned} periodically and {@link #close} at shutdown.
 */
public final class FileSystemLake implements Lake, AutoCloseable {
  /** S3's limit for one {@code PUT}, object or part. */
  public static final long MAX_PUT_BYTES = 5L * 1024 * 1024 * 1024;

  private final FileSystemLakeSettings settings;
  private final Clock clock;
  private final Path bucketDir;
  private final StagingArea staging;
  private final MultipartStore multipart;
  private final GroupCommitter committer;
  private final DirectorySync directories = new DirectorySync();
  private final SigV4QuerySigner signer;

  private FileSystemLake(FileSystemLakeSettings settings, Clock clock, RandomGenerator random,
      Optional<Checkpointer.FileSystemFlush> fileSystemFlush) throws IOException {
    this.settings = settings;
    this.clock = clock;
    Path root = settings.lake().dir().toAbsolutePath().normalize();
    Path state = root.resolve(".lakegate");
    this.bucketDir = root.resolve(settings.bucket());
    Files.createDirectories(bucketDir);
    this.staging = StagingArea.open(state.resolve("staging"));
    this.multipart = MultipartStore.open(state.resolve("multipart"), clock, random);
    this.signer = new SigV4QuerySigner(settings.credentials());
    this.committer =
        GroupCommitter.open(state.resolve("journal"), bucketDir, staging, "lake-" + settings.bucket(), fileSystemFlush);
    staging.sweep();
  }

  /**
   * Opens (creating if needed) the lake, replays its journal, and removes the staging files a
   * previous run left behind.
   *
   * @param random the source of upload ids; a {@link java.security.SecureRandom} in production
   * @throws IOException when the directories cannot be created or read
   */
  public static FileSystemLake open(FileSystemLakeSettings settings, Clock clock, RandomGenerator random)
      throws IOException {
    return open(settings, clock, random, FileSystemSync.open().map(sync -> path -> {
      // The uploads waiting for this flush wait for their MD5s too: have them computed meanwhile.
      BatchedMd5.shared().ifPresent(BatchedMd5::seal);
      sync.sync(path);
    }));
  }

  /** {@link #open(FileSystemLakeSettings, Clock, RandomGenerator)} with the given file system flush (empty: fsync file by file). */
  static FileSystemLake open(FileSystemLakeSettings settings, Clock clock, RandomGenerator random,
      Optional<Checkpointer.FileSystemFlush> fileSystemFlush) throws IOException {
    return new FileSystemLake(settings, clock, random, fileSystemFlush);
  }

  /** The handler for requests on this lake's paths, which the server mounts on its listener. */
  public LocalLakeEndpoint endpoint() {
    PresignedRequestVerifier verifier = new PresignedRequestVerifier(signer, clock);
    return new LocalLakeEndpoint(this, verifier, settings.basePath());
  }

  /** Multipart uploads untouched for longer than this are removed by {@link #cleanAbandoned}. */
  public Duration abandonedUploadAge() {
    return settings.lake().abandonedUploadAge();
  }

  /** Removes multipart uploads untouched for longer than {@link #abandonedUploadAge()}; returns how many. */
  public int cleanAbandoned(Instant now) {
    return io(() -> multipart.cleanAbandoned(now.minus(abandonedUploadAge())));
  }

  @Override
  public String bucket() {
    return settings.bucket();
  }

  @Override
  public PresignedUrl presignPut(String key, String contentMd5, Duration validity) {
    return presign(key, Map.of(), contentMd5, validity);
  }

  @Override
  public String startMultipart(String key, String owner) {
    resolve(key);
    return io(() -> multipart.start(key, owner));
  }

  @Override
  public Optional<MultipartUpload> findMultipart(String key) {
    resolve(key);
    return io(() -> multipart.find(key));
  }

  @Override
  public PresignedUrl presignPart(String key, String uploadId, int partNumber, String contentMd5, Duration validity) {
    if (partNumber < 1 || partNumber > MultipartStore.MAX_PART_NUMBER) {
      throw new LakeException(LakeException.Reason.INVALID_PART, "part number out of 1..10000: " + partNumber);
    }
    resolve(key);
    io(() -> multipart.require(key, uploadId));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("partNumber", Integer.toString(partNumber));
    query.put("uploadId", uploadId);
    return presign(key, query, contentMd5, validity);
  }

  @Override
  public List<UploadedPart> listParts(String key, String uploadId) {
    resolve(key);
    return io(
        () ->
            multipart.parts(multipart.require(key, uploadId)).stream()
                .map(MultipartStore.StoredPart::toUploadedPart)
                .toList());
  }

  @Override
  public CompletedMultipart completeMultipart(String key, String uploadId, List<UploadedPart> parts) {
    Path target = resolve(key);
    return io(
        () ->
            multipart.locked(
                key,
                () -> {
                  Path upload = multipart.require(key, uploadId);
                  MultipartStore.Listing listing = multipart.listing(upload, uploadId);
                  List<MultipartStore.StoredPart> stored = listing.parts();
                  PartAssembly assembly = PartAssembly.check(stored, parts);
                  Optional<Path> assembled = PrefixAssembly.take(upload, listing.assembly(), stored, assembly.parts());
                  if (assembled.isPresent()) {
                    directories.publish(assembled.get(), target, bucketDir);
                  } else {
                    Path temp = staging.newFile();
                    try {
                      assembly.writeTo(temp);
                      directories.publish(temp, target, bucketDir);
                    } finally {
                      StagingArea.deleteQuietly(temp);
                    }
                  }
                  multipart.remove(key);
                  return new CompletedMultipart(key, assembly.etag(), parts.size());
                }));
  }

  @Override
  public void putObject(String key, byte[] content, String contentType) {
    Path target = resolve(key);
    io(
        () -> {
          committer.commit(key, target, content);
          return target;
        });
  }

  /**
   * Tells {@code watcher} how this JVM hashes mid-sized bodies ({@code lake.md}, "Mid-sized
   * bodies"), at once what is known and then each change: in batches on the CPU's vector lanes, or
   * one body at a time and why, for good or "for now" while the lanes are not compiled yet. The
   * same for every lake of the JVM; what the watcher throws is dropped.
   */
  public static void watchMidSizedMd5(Consumer<String> watcher) {
    BatchedMd5.watchHashing(watcher);
  }

  /** How many mid-sized bodies this JVM's lakes have hashed in the vector lanes so far; 0 where there are none. */
  public static long bodiesHashedInLanes() {
    return BatchedMd5.shared().map(BatchedMd5::hashedInLanes).orElse(0L);
  }

  /** In how many batches the {@link #bodiesHashedInLanes} were hashed; 0 where there are no lanes. */
  public static long batchesHashedInLanes() {
    return BatchedMd5.shared().map(BatchedMd5::batchesInLanes).orElse(0L);
  }

  /**
   * How many group commits of the metadata journal (documents of {@link #putObject}, and upload
   * renames where there is no file system flush) this lake has made so far: one journal flush each.
   */
  public long groupCommits() {
    return committer.batches();
  }

  /**
   * Tells {@code observer} how long each flush of this lake takes from now on: the group commits of
   * its metadata journal, and the flushes of its file system where the platform has them.
   */
  public void observeFlushes(FlushObserver observer) {
    // Told on the flushing threads, inside their error handling: a throw is dropped there.
    committer.observe(observer.guarded());
  }

  /** How many of the {@link #groupCommits} waited for the pace between two of them ({@link GroupCommitter#PACE}) before they started. */
  public long pacedGroupCommits() {
    return committer.pacedBatches();
  }

  /** Throws {@code InvalidArgument} or {@code KeyTooLongError} for a key that may not be stored. */
  void checkKey(String key) {
    ObjectKey.resolve(bucketDir, key);
  }

  /** Stores one presigned {@code PUT} of an object; returns its ETag. */
  String receiveObject(String key, InputStream body, long length, byte[] contentMd5) throws IOException {
    Path target = ObjectKey.resolve(bucketDir, key);
    // Where the file system can be flushed in one call, uploads of the moment share its flushes
    // instead of an fsync and a journal record each.
    boolean shareFlushes = committer.flushesFileSystem();
    ReceivedBody received = staging.stage(body, length, !shareFlushes);
    Optional<byte[]> expectedMd5 = Optional.of(contentMd5);
    try {
      if (shareFlushes) {
        // The MD5, maybe still being computed, is checked on the flushing thread, before the rename.
        return committer.placeFlushed(key, target, () -> received.verify(expectedMd5)).etag();
      }
      StagedFile staged = received.verify(expectedMd5);
      committer.commitRename(key, target, staged.path());
      return staged.etag();
    } catch (IOException | RuntimeException e) {
      StagingArea.deleteQuietly(received.path());
      throw e;
    }
  }

  /** Stores one presigned {@code PUT} of a part; returns its ETag. */
  String receivePart(PartPut put, InputStream body, long length, byte[] contentMd5) throws IOException {
    ObjectKey.resolve(bucketDir, put.key());
    // Fails before the body is read when the upload is unknown.
    multipart.require(put.key(), put.uploadId());
    StagedFile staged = staging.receive(body, length, Optional.of(contentMd5));
    try {
      multipart.storePart(put.key(), put.uploadId(), put.partNumber(), staged);
    } finally {
      StagingArea.deleteQuietly(staged.path());
    }
    return staged.etag();
  }

  /** The target of a part {@code PUT}. */
  record PartPut(String key, String uploadId, int partNumber) {}

  private PresignedUrl presign(String key, Map<String, String> query, String contentMd5, Duration validity) {
    resolve(key);
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive: " + validity);
    }
    Duration capped =
        validity.compareTo(PresignedRequestVerifier.MAX_VALIDITY) > 0 ? PresignedRequestVerifier.MAX_VALIDITY : validity;
    String path = settings.basePath() + "/" + settings.bucket() + "/" + PercentEncoding.encode(key, true);
    Instant now = clock.instant();
    String url = signer.presignPut(settings.baseUrl(), path, query, Map.of("Content-MD5", contentMd5), now, capped);
    return new PresignedUrl(url, now.plus(capped));
  }

  private Path resolve(String key) {
    try {
      return ObjectKey.resolve(bucketDir, key);
    } catch (S3ErrorException e) {
      throw new LakeException(LakeException.Reason.INVALID_KEY, String.valueOf(e.getMessage()), e);
    }
  }

  /** Runs file work, turning failures into the port's {@link LakeException}. */
  private static <T> T io(MultipartStore.IoAction<T> action) {
    try {
      return action.run();
    } catch (PathConflictException e) {
      throw new LakeException(LakeException.Reason.INVALID_KEY, String.valueOf(e.getMessage()), e);
    } catch (IOException e) {
      throw new LakeException(LakeException.Reason.UNAVAILABLE, "lake I/O failed: " + e, e);
    } catch (S3ErrorException e) {
      throw new LakeException(reasonOf(e.error()), String.valueOf(e.getMessage()), e);
    }
  }

  private static LakeException.Reason reasonOf(S3Error error) {
    return switch (error) {
      case NO_SUCH_UPLOAD -> LakeException.Reason.NO_SUCH_UPLOAD;
      case INVALID_PART -> LakeException.Reason.INVALID_PART;
      case ENTITY_TOO_SMALL -> LakeException.Reason.ENTITY_TOO_SMALL;
      case INVALID_ARGUMENT, KEY_TOO_LONG -> LakeException.Reason.INVALID_KEY;
      case NO_SUCH_BUCKET -> LakeException.Reason.NO_SUCH_BUCKET;
      default -> LakeException.Reason.UNAVAILABLE;
    };
  }

  @Override
  public void close() {
    committer.close();
    multipart.close();
  }
}
