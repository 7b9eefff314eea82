package dev.lakegate.lake.local;

import dev.lakegate.core.lake.MultipartUpload;
import dev.lakegate.core.lake.UploadedPart;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * The durable state of multipart uploads ({@code contract.md} §6), one directory per object key
 * under the lake's state directory, named by the SHA-256 of the key so any key maps to a safe name
 * and a key has at most one upload. It holds {@code upload.properties} (key, upload id, owner,
 * start), one file per part named {@code part-NNNNN.<hex md5>}, each renamed in whole, and the
 * parts received so far without a gap concatenated in one file ({@link PrefixAssembly}). The
 * directory's modification time, set from the injected clock on every change, is the upload's last
 * touch, which {@link #cleanAbandoned} compares with the abandonment age. State survives restarts
 * because it is nothing but these files. What an upload's directory holds is listed once per run
 * and then kept in memory ({@link Listing}), since listing it for every part made a part's
 * {@code PUT} slower with every part stored before it.
 */
final class MultipartStore implements AutoCloseable {
  static final int MAX_PART_NUMBER = 10_000;
  private static final String RECORD = "upload.properties";
  private static final String PART_PREFIX = "part-";
  private static final int LOCK_STRIPES = 256;
  /**
   * About the most one part's {@code PUT} appends to its upload's assembly: its own part and those
   * after it that arrived before it (a third of a second of a fast disk's copying and writing). A
   * completion appends the rest.
   */
  static final long ASSEMBLY_BUDGET_BYTES = 256L * 1024 * 1024;

  private final Path dir;
  private final Clock clock;
  private final RandomGenerator random;
  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
  // Changed only under the upload's key lock; any failure there forgets the upload's entry.
  private final Map<Path, Listing> listings = new ConcurrentHashMap<>();
  private final ExecutorService remover =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("multipart-remover").daemon(true).factory());

  private MultipartStore(Path dir, Clock clock, RandomGenerator random) {
    this.dir = dir;
    this.clock = clock;
    this.random = random;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * Opens the state directory, removing half-created uploads and the remains of completed ones a
   * previous run left behind.
   */
  static MultipartStore open(Path dir, Clock clock, RandomGenerator random) throws IOException {
    Files.createDirectories(dir);
    try (DirectoryStream<Path> halfCreated = Files.newDirectoryStream(dir, ".*")) {
      for (Path p : halfCreated) {
        DurableFiles.deleteTree(p);
      }
    }
    return new MultipartStore(dir, clock, random);
  }

  /**
   * Runs {@code action} while holding the lock of {@code key}'s upload. When it fails, what this
   * store knew of the upload's directory is forgotten, and the next action lists it again.
   */
  <T> T locked(String key, IoAction<T> action) throws IOException {
    ReentrantLock lock = locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    lock.lock();
    try {
      return action.run();
    } catch (IOException | RuntimeException e) {
      listings.remove(uploadDir(key));
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** An action on upload state that may fail with an {@link IOException}. */
  @FunctionalInterface
  interface IoAction<T> {
    T run() throws IOException;
  }

  /** Records a new upload for {@code key}, replacing any earlier one; returns its id. */
  String start(String key, String owner) throws IOException {
    byte[] id = new byte[16];
    random.nextBytes(id);
    String uploadId = HexFormat.of().formatHex(id);
    Path fresh = dir.resolve(".new-" + uploadId);
    Files.createDirectory(fresh);
    Properties record = new Properties();
    record.setProperty("key", key);
    record.setProperty("uploadId", uploadId);
    record.setProperty("owner", owner);
    record.setProperty("startedAt", clock.instant().toString());
    try (Writer out = Files.newBufferedWriter(fresh.resolve(RECORD), StandardCharsets.UTF_8)) {
      record.store(out, null);
    }
    DurableFiles.force(fresh.resolve(RECORD));
    DurableFiles.forceDirectory(fresh);
    return locked(
        key,
        () -> {
          Path target = uploadDir(key);
          retire(target);
          Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
          touch(target);
          DurableFiles.forceDirectory(dir);
          return uploadId;
        });
  }

  /**
   * The upload recorded for {@code key}, read without the key's lock, so that a part's {@code PUT}
   * does not wait behind another part's assembly before it reads its body: a record is written
   * whole before its directory is renamed into place, and one being removed reads as none.
   */
  Optional<MultipartUpload> find(String key) throws IOException {
    Path record = uploadDir(key).resolve(RECORD);
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
    return Optional.of(
        new MultipartUpload(
            p.getProperty("key", key),
            p.getProperty("uploadId", ""),
            p.getProperty("owner", ""),
            Instant.parse(p.getProperty("startedAt", Instant.EPOCH.toString()))));
  }

  /**
   * The directory of the upload {@code uploadId} of {@code key}.
   *
   * @throws S3ErrorException {@code NoSuchUpload} when there is none (never started, completed,
   *     cleaned up, or the id belongs to nothing recorded for this key)
   */
  Path require(String key, String uploadId) throws IOException {
    Optional<MultipartUpload> upload = find(key);
    if (upload.isEmpty()
        || !MessageDigest.isEqual(
            upload.get().uploadId().getBytes(StandardCharsets.UTF_8), uploadId.getBytes(StandardCharsets.UTF_8))) {
      throw new S3ErrorException(S3Error.NO_SUCH_UPLOAD, "no upload " + uploadId + " for this key");
    }
    return uploadDir(key);
  }

  /** Moves a received part into its upload, replacing an earlier part of the same number. */
  void storePart(String key, String uploadId, int partNumber, StagedFile part) throws IOException {
    locked(
        key,
        () -> {
          Path upload = require(key, uploadId);
          Listing listing = listing(upload, uploadId);
          listing.assembly = PrefixAssembly.forgetPart(upload, listing.assembly, partNumber);
          String md5Hex = HexFormat.of().formatHex(part.md5());
          Path target = upload.resolve(partName(partNumber) + "." + md5Hex);
          Files.move(part.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          StoredPart earlier = listing.parts.put(partNumber, new StoredPart(partNumber, md5Hex, part.size(), target));
          if (earlier != null && !earlier.file().equals(target)) {
            Files.deleteIfExists(earlier.file());
          }
          listing.assembly =
              PrefixAssembly.extend(upload, listing.assembly, List.copyOf(listing.parts.values()), ASSEMBLY_BUDGET_BYTES);
          DurableFiles.forceDirectory(upload);
          touch(upload);
          return target;
        });
  }

  /**
   * What the directory {@code upload} of the upload {@code uploadId} holds, listed the first time
   * and kept up to date by the changes made under its lock since; the caller holds the lock.
   */
  Listing listing(Path upload, String uploadId) throws IOException {
    Listing known = listings.get(upload);
    if (known != null && known.uploadId.equals(uploadId)) {
      return known;
    }
    List<StoredPart> found = new ArrayList<>();
    List<Path> assemblies = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(upload)) {
      for (Path file : files) {
        if (file.getFileName().toString().startsWith(PART_PREFIX)) {
          found.add(storedPart(file));
        } else if (PrefixAssembly.isAssembly(file)) {
          assemblies.add(file);
        }
      }
    }
    TreeMap<Integer, StoredPart> parts = new TreeMap<>();
    newestOfEach(found).forEach(part -> parts.put(part.number(), part));
    // What a crash left of a part uploaded again: the newest file of its number stands.
    for (StoredPart part : found) {
      if (!part.equals(parts.get(part.number()))) {
        Files.deleteIfExists(part.file());
      }
    }
    Listing listing = new Listing(uploadId, parts, PrefixAssembly.recognize(assemblies));
    listings.put(upload, listing);
    return listing;
  }

  /** An upload directory's parts by number (the newest file of each) and its assembly, as last listed or changed. */
  static final class Listing {
    private final String uploadId;
    private final TreeMap<Integer, StoredPart> parts;
    private Optional<PrefixAssembly.Held> assembly;

    private Listing(String uploadId, TreeMap<Integer, StoredPart> parts, Optional<PrefixAssembly.Held> assembly) {
      this.uploadId = uploadId;
      this.parts = parts;
      this.assembly = assembly;
    }

    /** The parts in part-number order. */
    List<StoredPart> parts() {
      return List.copyOf(parts.values());
    }

    Optional<PrefixAssembly.Held> assembly() {
      return assembly;
    }
  }

  /** A part file of an upload. */
  record StoredPart(int number, String md5Hex, long size, Path file) {
    UploadedPart toUploadedPart() {
      return new UploadedPart(number, "\"" + md5Hex + "\"", size);
    }
  }

  /**
   * The parts of an upload in part-number order, read from its directory without the upload's
   * lock; the newest file wins if a crash left two.
   */
  List<StoredPart> parts(Path upload) throws IOException {
    List<StoredPart> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(upload, PART_PREFIX + "*")) {
      for (Path file : files) {
        found.add(storedPart(file));
      }
    }
    return newestOfEach(found);
  }

  private static StoredPart storedPart(Path file) throws IOException {
    String[] nameAndMd5 = file.getFileName().toString().substring(PART_PREFIX.length()).split("\\.", 2);
    return new StoredPart(Integer.parseInt(nameAndMd5[0]), nameAndMd5[1], Files.size(file), file);
  }

  /** {@code found} in part-number order, the newest file of each number only. */
  private static List<StoredPart> newestOfEach(List<StoredPart> found) {
    List<StoredPart> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt(StoredPart::number).thenComparing(p -> modified(p.file())));
    List<StoredPart> unique = new ArrayList<>();
    for (StoredPart part : sorted) {
      if (!unique.isEmpty() && unique.get(unique.size() - 1).number() == part.number()) {
        unique.set(unique.size() - 1, part);
      } else {
        unique.add(part);
      }
    }
    return List.copyOf(unique);
  }

  /** Forgets an upload (after completion); its parts are deleted in the background ({@link #retire}). */
  void remove(String key) throws IOException {
    if (retire(uploadDir(key))) {
      DurableFiles.forceDirectory(dir);
    }
  }

  /**
   * Renames an upload's directory out of the way, if there is one, and deletes its parts in the
   * background: deleting a large upload's parts took as long as the rest of its completion. The
   * caller fsyncs the state directory; what a crash leaves is removed by the next {@link #open}.
   */
  private boolean retire(Path upload) throws IOException {
    listings.remove(upload);
    if (!Files.exists(upload)) {
      return false;
    }
    byte[] id = new byte[8];
    random.nextBytes(id);
    Path retired = dir.resolve(".done-" + HexFormat.of().formatHex(id));
    Files.move(upload, retired, StandardCopyOption.ATOMIC_MOVE);
    Runnable delete =
        () -> {
          try {
            DurableFiles.deleteTree(retired);
          } catch (IOException e) {
            // Left for the next start, which removes every directory whose name starts with a dot.
          }
        };
    try {
      remover.execute(delete);
    } catch (RejectedExecutionException closed) {
      delete.run();
    }
    return true;
  }

  /** Finishes the deletions {@link #remove} started. */
  @Override
  public void close() {
    remover.shutdown();
    try {
      if (!remover.awaitTermination(1, TimeUnit.MINUTES)) {
        remover.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Removes uploads untouched since before {@code cutoff}, their parts deleted in the background
   * as after a completion ({@link #retire}); returns how many.
   */
  int cleanAbandoned(Instant cutoff) throws IOException {
    int removed = 0;
    List<Path> uploads = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, p -> !p.getFileName().toString().startsWith("."))) {
      all.forEach(uploads::add);
    }
    for (Path upload : uploads) {
      String key = recordedKey(upload).orElse("");
      boolean gone =
          locked(
              key,
              () -> {
                return Files.isDirectory(upload) && modified(upload).isBefore(cutoff) && retire(upload);
              });
      removed += gone ? 1 : 0;
    }
    if (removed > 0) {
      DurableFiles.forceDirectory(dir);
    }
    return removed;
  }

  // The key selects the lock; an unreadable record still gets cleaned, under some lock.
  private static Optional<String> recordedKey(Path upload) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(upload.resolve(RECORD), StandardCharsets.UTF_8)) {
      p.load(in);
      return Optional.ofNullable(p.getProperty("key"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void touch(Path upload) throws IOException {
    Files.setLastModifiedTime(upload, FileTime.from(clock.instant()));
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  private Path uploadDir(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(hash));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String partName(int partNumber) {
    return PART_PREFIX + String.format(java.util.Locale.ROOT, "%05d", partNumber);
  }
}
