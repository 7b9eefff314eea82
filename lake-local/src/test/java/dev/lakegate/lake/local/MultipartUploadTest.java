package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.core.testing.MutableClock;
import dev.lakegate.core.lake.CompletedMultipart;
import dev.lakegate.core.lake.LakeException;
import dev.lakegate.core.lake.MultipartUpload;
import dev.lakegate.core.lake.PresignedUrl;
import dev.lakegate.core.lake.UploadedPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multipart uploads as S3 runs them: presigned part PUTs, size and number limits, completion in the order given. */
class MultipartUploadTest {
  private static final int MIB = 1024 * 1024;
  private static final String KEY = "incoming/big.bin";

  @TempDir Path dir;
  private final MutableClock clock = TestLake.clock();
  private FileSystemLake lake;

  @BeforeEach
  void open() throws Exception {
    lake = TestLake.open(dir, clock, Duration.ofDays(1));
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private LakeResponse putPart(String uploadId, int partNumber, byte[] body) {
    String md5 = TestLake.md5Base64(body);
    PresignedUrl url = lake.presignPart(KEY, uploadId, partNumber, md5, Duration.ofMinutes(10));
    return lake.endpoint().put(TestLake.put(url, md5, body));
  }

  @Test
  void threePartsAreConcatenatedInOrderWithTheDashThreeETag() throws Exception {
    byte[][] parts = {bytes(5 * MIB, 1), bytes(5 * MIB, 2), bytes(1234, 3)};
    String uploadId = lake.startMultipart(KEY, "client-1");
    for (int i = 0; i < parts.length; i++) {
      assertThat(putPart(uploadId, i + 1, parts[i]).status()).isEqualTo(200);
    }

    List<UploadedPart> listed = lake.listParts(KEY, uploadId);
    CompletedMultipart done = lake.completeMultipart(KEY, uploadId, listed);

    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    MessageDigest md5OfMd5s = MessageDigest.getInstance("MD5");
    for (byte[] part : parts) {
      whole.write(part);
      md5OfMd5s.update(MessageDigest.getInstance("MD5").digest(part));
    }
    assertThat(Files.readAllBytes(dir.resolve("landing").resolve(KEY))).isEqualTo(whole.toByteArray());
    assertThat(done.etag()).isEqualTo("\"" + HexFormat.of().formatHex(md5OfMd5s.digest()) + "-3\"");
    assertThat(done.parts()).isEqualTo(3);
    assertThat(lake.findMultipart(KEY)).isEmpty();
  }

  @Test
  void partNumbersZeroAnd10001AreRefused() {
    String uploadId = lake.startMultipart(KEY, "client-1");
    String md5 = TestLake.md5Base64(new byte[1]);

    assertThatThrownBy(() -> lake.presignPart(KEY, uploadId, 0, md5, Duration.ofMinutes(1)))
        .isInstanceOf(LakeException.class);
    assertThatThrownBy(() -> lake.presignPart(KEY, uploadId, 10_001, md5, Duration.ofMinutes(1)))
        .isInstanceOf(LakeException.class);
    assertThat(lake.presignPart(KEY, uploadId, 10_000, md5, Duration.ofMinutes(1)).uri().getRawQuery())
        .contains("partNumber=10000");
  }

  @Test
  void signedPartNumberOutOfRangeIsRefusedAtTheEndpoint() {
    String uploadId = lake.startMultipart(KEY, "client-1");
    byte[] body = bytes(10, 4);
    String md5 = TestLake.md5Base64(body);
    var signer = new SigV4QuerySigner(TestLake.CREDENTIALS);
    URI url =
        URI.create(signer.presignPut(
            TestLake.BASE_URL,
            "/landing/" + KEY,
            java.util.Map.of("partNumber", "10001", "uploadId", uploadId),
            java.util.Map.of("Content-MD5", md5),
            clock.instant(),
            Duration.ofMinutes(1)));

    LakeResponse response = lake.endpoint().put(TestLake.put(url, md5, body));

    assertThat(response.status()).isEqualTo(400);
    assertThat(TestLake.errorCode(response)).isEqualTo("InvalidArgument");
  }

  @Test
  void partOneByteShortOf5MibBeforeTheLastFailsWithEntityTooSmall() {
    String uploadId = lake.startMultipart(KEY, "client-1");
    putPart(uploadId, 1, bytes(5 * MIB - 1, 1));
    putPart(uploadId, 2, bytes(10, 2));

    assertThatThrownBy(() -> lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId)))
        .isInstanceOfSatisfying(
            LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.ENTITY_TOO_SMALL));
    assertThat(Files.exists(dir.resolve("landing").resolve(KEY))).isFalse();
    assertThat(lake.findMultipart(KEY)).isPresent();
  }

  @Test
  void partOfExactly5MibBeforeTheLastCompletes() {
    String uploadId = lake.startMultipart(KEY, "client-1");
    putPart(uploadId, 1, bytes(5 * MIB, 1));
    putPart(uploadId, 2, bytes(10, 2));

    CompletedMultipart done = lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));

    assertThat(done.etag()).endsWith("-2\"");
  }

  @Test
  void completionWithNoPartsIsInvalidPart() {
    String uploadId = lake.startMultipart(KEY, "client-1");

    assertThatThrownBy(() -> lake.completeMultipart(KEY, uploadId, List.of()))
        .isInstanceOfSatisfying(
            LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.INVALID_PART));
  }

  @Test
  void completionWithAWrongPartETagIsInvalidPart() {
    String uploadId = lake.startMultipart(KEY, "client-1");
    putPart(uploadId, 1, bytes(10, 1));

    assertThatThrownBy(
            () -> lake.completeMultipart(KEY, uploadId, List.of(new UploadedPart(1, "\"00000000000000000000000000000000\"", 10))))
        .isInstanceOfSatisfying(
            LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.INVALID_PART));
  }

  @Test
  void unknownUploadIdIsNoSuchUpload() {
    lake.startMultipart(KEY, "client-1");

    assertThatThrownBy(() -> lake.listParts(KEY, "0123456789abcdef0123456789abcdef"))
        .isInstanceOfSatisfying(
            LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.NO_SUCH_UPLOAD));
  }

  @Test
  void partPutForUnknownUploadGets404NoSuchUpload() {
    String uploadId = lake.startMultipart(KEY, "client-1");
    byte[] body = bytes(10, 1);
    String md5 = TestLake.md5Base64(body);
    PresignedUrl url = lake.presignPart(KEY, uploadId, 1, md5, Duration.ofMinutes(10));
    lake.cleanAbandoned(clock.instant().plus(Duration.ofDays(2)));

    LakeResponse response = lake.endpoint().put(TestLake.put(url, md5, body));

    assertThat(response.status()).isEqualTo(404);
    assertThat(TestLake.errorCode(response)).isEqualTo("NoSuchUpload");
  }

  @Test
  void multipartStateSurvivesANewLakeOnTheSameDirectory() throws Exception {
    String uploadId = lake.startMultipart(KEY, "client-1");
    putPart(uploadId, 1, bytes(5 * MIB, 1));
    lake.close();

    lake = TestLake.open(dir, clock, Duration.ofDays(1));

    assertThat(lake.findMultipart(KEY)).contains(new MultipartUpload(KEY, uploadId, "client-1", TestLake.START));
    assertThat(lake.listParts(KEY, uploadId)).extracting(UploadedPart::partNumber, UploadedPart::size).containsExactly(
        org.assertj.core.api.Assertions.tuple(1, 5L * MIB));
    putPart(uploadId, 2, bytes(7, 2));
    assertThat(lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId)).parts()).isEqualTo(2);
  }

  @Test
  void abandonedUploadIsCleanedAndATouchedOneKept() {
    String abandoned = lake.startMultipart("incoming/old", "client-1");
    clock.advance(Duration.ofHours(20));
    String active = lake.startMultipart(KEY, "client-1");
    clock.advance(Duration.ofHours(5));

    int removed = lake.cleanAbandoned(clock.instant());

    assertThat(removed).isEqualTo(1);
    assertThat(lake.findMultipart("incoming/old")).isEmpty();
    assertThat(lake.findMultipart(KEY)).map(MultipartUpload::uploadId).contains(active);
    assertThat(abandoned).isNotEqualTo(active);
  }

  @Test
  void aNewPartUploadKeepsTheUploadAlive() {
    String uploadId = lake.startMultipart(KEY, "client-1");
    clock.advance(Duration.ofHours(20));
    putPart(uploadId, 1, bytes(10, 1));
    clock.advance(Duration.ofHours(20));

    assertThat(lake.cleanAbandoned(clock.instant())).isZero();
    assertThat(lake.findMultipart(KEY)).isPresent();
  }

  @Test
  void reuploadedPartReplacesTheEarlierOne() throws Exception {
    String uploadId = lake.startMultipart(KEY, "client-1");
    putPart(uploadId, 1, bytes(10, 1));
    putPart(uploadId, 1, bytes(20, 2));

    assertThat(lake.listParts(KEY, uploadId)).extracting(UploadedPart::size).containsExactly(20L);
    try (Stream<Path> uploads = Files.list(dir.resolve(".lakegate/multipart"));
        Stream<Path> files = Files.list(uploads.findFirst().orElseThrow())) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("part-"))).hasSize(1);
    }
  }

  @Test
  void completionRenamesThePartsAssembledOnArrivalInsteadOfCopyingThem() throws Exception {
    byte[][] parts = threeParts();
    String uploadId = startAndPutInOrder(parts);
    Path assembly = assembly().orElseThrow();
    Object assembled = Files.readAttributes(assembly, BasicFileAttributes.class).fileKey();

    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));

    assertThat(assembly.getFileName().toString()).isEqualTo("assembly.3");
    assertThat(assembled).isNotNull();
    assertThat(Files.readAttributes(object(), BasicFileAttributes.class).fileKey()).isEqualTo(assembled);
    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts));
    if (Files.getFileStore(object()).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(object()))).isEqualTo("rw-------");
    }
  }

  @Test
  void partsArrivingOutOfOrderAreAssembledOnceTheGapIsFilled() throws Exception {
    byte[][] parts = threeParts();
    String uploadId = lake.startMultipart(KEY, "client-1");
    putPart(uploadId, 3, parts[2]);
    putPart(uploadId, 2, parts[1]);
    assertThat(assembly()).isEmpty();

    putPart(uploadId, 1, parts[0]);

    assertThat(assembly()).map(p -> p.getFileName().toString()).contains("assembly.3");
    assertThat(Files.size(assembly().orElseThrow())).isEqualTo(10L * MIB + 77);
    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));
    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts));
  }

  @Test
  void reuploadingAnAssembledPartDropsTheAssemblyAndTheObjectHoldsTheNewBytes() throws Exception {
    String uploadId = lake.startMultipart(KEY, "client-1");
    putInOrder(uploadId, bytes(5 * MIB, 1), bytes(5 * MIB, 2));
    byte[] newFirst = bytes(5 * MIB, 11);

    putPart(uploadId, 1, newFirst);

    assertThat(assembly()).map(p -> p.getFileName().toString()).contains("assembly.2");
    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));
    assertThat(Files.readAllBytes(object())).isEqualTo(concat(newFirst, bytes(5 * MIB, 2)));
  }

  @Test
  void completingWithFewerPartsThanAssembledCutsTheAssemblyToThem() throws Exception {
    byte[][] parts = threeParts();
    String uploadId = startAndPutInOrder(parts);

    CompletedMultipart done = lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId).subList(0, 2));

    assertThat(done.parts()).isEqualTo(2);
    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts[0], parts[1]));
  }

  @Test
  void completingWithPartsThatSkipANumberCopiesThem() throws Exception {
    byte[][] parts = threeParts();
    String uploadId = startAndPutInOrder(parts);
    List<UploadedPart> listed = lake.listParts(KEY, uploadId);

    lake.completeMultipart(KEY, uploadId, List.of(listed.get(0), listed.get(2)));

    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts[0], parts[2]));
  }

  @Test
  void anAssemblyLengthenedByACrashedAppendIsCutBackBeforeTheNextPart() throws Exception {
    byte[][] parts = {bytes(5 * MIB, 1), bytes(77, 2)};
    String uploadId = lake.startMultipart(KEY, "client-1");
    putPart(uploadId, 1, parts[0]);
    Files.write(assembly().orElseThrow(), bytes(4096, 99), StandardOpenOption.APPEND);
    lake.close();
    lake = TestLake.open(dir, clock, Duration.ofDays(1));

    putPart(uploadId, 2, parts[1]);

    assertThat(Files.size(assembly().orElseThrow())).isEqualTo(5L * MIB + 77);
    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));
    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts));
  }

  @Test
  void anAssemblyShorterThanItsPartsIsBuiltAgainFromTheParts() throws Exception {
    byte[][] parts = {bytes(5 * MIB, 1), bytes(5 * MIB, 2)};
    String uploadId = lake.startMultipart(KEY, "client-1");
    putInOrder(uploadId, parts);
    Path assembly = assembly().orElseThrow();
    try (FileChannel cut = FileChannel.open(assembly, StandardOpenOption.WRITE)) {
      cut.truncate(MIB);
    }

    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));

    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts));
  }

  @Test
  void aCompletedUploadLeavesNoStateBehindOnceTheLakeIsClosed() throws Exception {
    String uploadId = lake.startMultipart(KEY, "client-1");
    putInOrder(uploadId, bytes(5 * MIB, 1), bytes(10, 2));
    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));

    assertThat(lake.findMultipart(KEY)).isEmpty();
    lake.close();

    try (Stream<Path> left = Files.list(dir.resolve(".lakegate/multipart"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void theRemainsOfACompletedUploadLeftByACrashAreRemovedAtTheNextStart() throws Exception {
    Path remains = Files.createDirectories(dir.resolve(".lakegate/multipart/.done-0123456789abcdef"));
    Files.write(remains.resolve("part-00001.00000000000000000000000000000000"), bytes(10, 1));
    lake.close();

    lake = TestLake.open(dir, clock, Duration.ofDays(1));

    assertThat(remains).doesNotExist();
  }

  @Test
  void startingAnotherUploadOfTheKeyReplacesTheEarlierOneAndItsParts() throws Exception {
    String first = lake.startMultipart(KEY, "client-1");
    putPart(first, 1, bytes(5 * MIB, 1));

    String second = lake.startMultipart(KEY, "client-1");

    assertThat(second).isNotEqualTo(first);
    assertThat(lake.listParts(KEY, second)).isEmpty();
    assertThatThrownBy(() -> lake.listParts(KEY, first))
        .isInstanceOfSatisfying(
            LakeException.class, e -> assertThat(e.reason()).isEqualTo(LakeException.Reason.NO_SUCH_UPLOAD));
    lake.close();
    try (Stream<Path> left = Files.list(dir.resolve(".lakegate/multipart"))) {
      assertThat(left).hasSize(1);
    }
  }

  @Test
  void completionAppendsThePartsTheAssemblyLacksAndRenamesIt() throws Exception {
    byte[][] parts = threeParts();
    String uploadId = startAndPutInOrder(parts);
    // As a part's budget leaves it after a long gap: holding part 1 only.
    Path whole = assembly().orElseThrow();
    Path first = whole.resolveSibling("assembly.1");
    try (FileChannel cut = FileChannel.open(whole, StandardOpenOption.WRITE)) {
      cut.truncate(5 * MIB);
    }
    Files.move(whole, first);
    Object assembled = Files.readAttributes(first, BasicFileAttributes.class).fileKey();
    lake.close();
    lake = TestLake.open(dir, clock, Duration.ofDays(1));

    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));

    assertThat(Files.readAttributes(object(), BasicFileAttributes.class).fileKey()).isEqualTo(assembled);
    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts));
  }

  @Test
  void partsStoredAfterARestartExtendTheAssemblyTheDirectoryHeld() throws Exception {
    byte[][] parts = threeParts();
    String uploadId = startAndPutInOrder(parts[0], parts[1]);
    lake.close();
    lake = TestLake.open(dir, clock, Duration.ofDays(1));

    putPart(uploadId, 3, parts[2]);

    Path assembly = assembly().orElseThrow();
    assertThat(assembly.getFileName().toString()).isEqualTo("assembly.3");
    Object assembled = Files.readAttributes(assembly, BasicFileAttributes.class).fileKey();
    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));
    assertThat(Files.readAttributes(object(), BasicFileAttributes.class).fileKey()).isEqualTo(assembled);
    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts));
  }

  @Test
  void anOlderFileOfAPartLeftByACrashIsDeletedWhenTheUploadIsNextListed() throws Exception {
    byte[][] parts = {bytes(5 * MIB, 1), bytes(10, 2)};
    String uploadId = lake.startMultipart(KEY, "client-1");
    putPart(uploadId, 1, parts[0]);
    Path upload = assembly().orElseThrow().getParent();
    Path leftover = Files.write(upload.resolve("part-00001.0123456789abcdef0123456789abcdef"), bytes(5 * MIB, 9));
    Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    lake.close();
    lake = TestLake.open(dir, clock, Duration.ofDays(1));

    putPart(uploadId, 2, parts[1]);

    assertThat(leftover).doesNotExist();
    try (Stream<Path> files = Files.list(upload)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("part-"))).hasSize(2);
    }
    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));
    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts));
  }

  @Test
  void completionBuildsTheAssemblyAgainWhenItsFileIsGone() throws Exception {
    byte[][] parts = threeParts();
    String uploadId = startAndPutInOrder(parts);
    Files.delete(assembly().orElseThrow());

    lake.completeMultipart(KEY, uploadId, lake.listParts(KEY, uploadId));

    assertThat(Files.readAllBytes(object())).isEqualTo(concat(parts));
  }

  /** Two parts of 5 MiB and a short last one. */
  private static byte[][] threeParts() {
    return new byte[][] {bytes(5 * MIB, 1), bytes(5 * MIB, 2), bytes(77, 3)};
  }

  /** Starts an upload of {@link #KEY} and puts {@code parts} as parts 1, 2, ...; returns the upload id. */
  private String startAndPutInOrder(byte[]... parts) {
    String uploadId = lake.startMultipart(KEY, "client-1");
    putInOrder(uploadId, parts);
    return uploadId;
  }

  private void putInOrder(String uploadId, byte[]... parts) {
    for (int i = 0; i < parts.length; i++) {
      assertThat(putPart(uploadId, i + 1, parts[i]).status()).isEqualTo(200);
    }
  }

  private Path object() {
    return dir.resolve("landing").resolve(KEY);
  }

  /** The assembly file of the one upload in progress, if it has one. */
  private Optional<Path> assembly() throws IOException {
    try (Stream<Path> uploads = Files.list(dir.resolve(".lakegate/multipart"))) {
      Path upload = uploads.filter(Files::isDirectory).findFirst().orElseThrow();
      try (Stream<Path> files = Files.list(upload)) {
        return files.filter(p -> p.getFileName().toString().startsWith("assembly.")).findFirst();
      }
    }
  }

  private static byte[] concat(byte[]... parts) throws IOException {
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      whole.write(part);
    }
    return whole.toByteArray();
  }
}
