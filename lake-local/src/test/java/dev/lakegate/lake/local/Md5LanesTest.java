package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lanes must give exactly the JDK's MD5 for every message, whatever its neighbours in the batch. */
class Md5LanesTest {
  private final SplittableRandom random = new SplittableRandom(7);

  @Test
  void givesTheKnownDigestsOfRfc1321sTestSuite() {
    List<byte[]> messages = List.of(
        bytes(""), bytes("a"), bytes("abc"), bytes("message digest"), bytes("abcdefghijklmnopqrstuvwxyz"),
        bytes("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
        bytes("12345678901234567890123456789012345678901234567890123456789012345678901234567890"));

    assertThat(digests(messages).stream().map(HexFormat.of()::formatHex)).containsExactly(
        "d41d8cd98f00b204e9800998ecf8427e", "0cc175b9c0f1b6a831c399e269772661", "900150983cd24fb0d6963f7d28e17f72",
        "f96b697d7cb7938d525a2f31aaf161d0", "c3fcd3d76192e4007dfb496cca67e13b", "d174ab98d277d9f5a5611c2c9f419d9f",
        "57edf4a22be3c955ac49da2e2107b67a");
  }

  @Test
  void equalsTheJdksDigestForEveryLengthAroundTheBlockAndPaddingBoundaries() {
    List<byte[]> messages = new ArrayList<>();
    for (int length = 0; length <= 200; length++) {
      messages.add(randomBytes(length));
    }
    for (int from = 0; from < messages.size(); from += Md5Lanes.LANES) {
      List<byte[]> batch = messages.subList(from, Math.min(messages.size(), from + Md5Lanes.LANES));
      assertThat(digests(batch)).containsExactlyElementsOf(batch.stream().map(Md5LanesTest::jdk).toList());
    }
  }

  @Test
  void messagesOfVeryDifferentLengthsInOneBatchEachGetTheirOwnDigest() {
    List<byte[]> batch = new ArrayList<>();
    for (int j = 0; j < Md5Lanes.LANES; j++) {
      batch.add(randomBytes(j % 3 == 0 ? 256 * 1024 - 1 : random.nextInt(16 * 1024, 200 * 1024)));
    }

    assertThat(digests(batch)).containsExactlyElementsOf(batch.stream().map(Md5LanesTest::jdk).toList());
  }

  @Test
  void aBatchWithFewerMessagesThanLanesIgnoresTheOtherLanes() {
    List<byte[]> batch = List.of(randomBytes(65536), randomBytes(1000), randomBytes(70000));
    int[] words = new int[3 * 16 * Md5Lanes.blocks(70000)];
    int[] base = new int[Md5Lanes.LANES];
    int[] blocks = new int[Md5Lanes.LANES];
    int used = 0;
    for (int j = 0; j < batch.size(); j++) {
      Md5Lanes.pad(ByteBuffer.wrap(batch.get(j)), batch.get(j).length, words, used);
      base[j] = used;
      blocks[j] = Md5Lanes.blocks(batch.get(j).length);
      used += 16 * blocks[j];
    }
    // Lanes past the batch hold values that would point beyond the array.
    for (int j = batch.size(); j < Md5Lanes.LANES; j++) {
      base[j] = Integer.MAX_VALUE / 2;
      blocks[j] = 1000;
    }

    assertThat(List.of(Md5Lanes.digest(words, base, blocks, batch.size())))
        .containsExactlyElementsOf(batch.stream().map(Md5LanesTest::jdk).toList());
  }

  @Test
  void compiledLanesAllocateNothingPerBlock() throws Exception {
    // The shared batches warm up until the lanes run compiled; boxed vectors would allocate some
    // 1.3 MiB for this batch (16 of them per block), where the digest's own arrays take under 2 KiB.
    TestLake.awaitBatchedMd5();
    List<byte[]> batch = new ArrayList<>();
    for (int j = 0; j < Md5Lanes.LANES; j++) {
      batch.add(randomBytes(64 * 1024));
    }
    Padded padded = Padded.of(batch);
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long fewest = Long.MAX_VALUE;
    // The least of a few calls: a call that the JIT happens to be replacing runs uncompiled.
    for (int call = 0; call < 5; call++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      Md5Lanes.digest(padded.words(), padded.base(), padded.blocks(), batch.size());
      fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
    }

    assertThat(fewest).isLessThan(16 * 1024);
  }

  @Test
  void padReadsFromTheBuffersPositionAndLeavesItThere() {
    byte[] message = randomBytes(1000);
    ByteBuffer buffer = ByteBuffer.allocateDirect(1100);
    buffer.position(37).put(message).position(37);
    int[] words = new int[16 * Md5Lanes.blocks(1000)];

    Md5Lanes.pad(buffer, 1000, words, 0);

    assertThat(buffer.position()).isEqualTo(37);
    assertThat(Md5Lanes.digest(words, new int[Md5Lanes.LANES], blocksOf(1000), 1)[0]).isEqualTo(jdk(message));
  }

  private static int[] blocksOf(int length) {
    int[] blocks = new int[Md5Lanes.LANES];
    blocks[0] = Md5Lanes.blocks(length);
    return blocks;
  }

  private static List<byte[]> digests(List<byte[]> messages) {
    Padded padded = Padded.of(messages);
    return List.of(Md5Lanes.digest(padded.words(), padded.base(), padded.blocks(), messages.size()));
  }

  /** Messages laid out for {@link Md5Lanes#digest}, one after the other. */
  private record Padded(int[] words, int[] base, int[] blocks) {
    static Padded of(List<byte[]> messages) {
      int total = messages.stream().mapToInt(m -> 16 * Md5Lanes.blocks(m.length)).sum();
      Padded padded = new Padded(new int[total], new int[Md5Lanes.LANES], new int[Md5Lanes.LANES]);
      int used = 0;
      for (int j = 0; j < messages.size(); j++) {
        byte[] message = messages.get(j);
        Md5Lanes.pad(ByteBuffer.wrap(message), message.length, padded.words(), used);
        padded.base()[j] = used;
        padded.blocks()[j] = Md5Lanes.blocks(message.length);
        used += 16 * padded.blocks()[j];
      }
      return padded;
    }
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  static byte[] jdk(byte[] message) {
    return StagingArea.newMd5().digest(message);
  }

  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
