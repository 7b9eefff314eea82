package dev.lakegate.lake.local;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * A JVM of its own whose batched MD5 is given no time to warm up: it prints each report of how
 * bodies are hashed, one a line, and once the lanes take bodies, whether a full batch of them
 * agrees with the JDK's MD5 and how many bodies the lanes hashed ("digests agree, 16 in lanes").
 */
final class LateWarmUpProcess {
  private LateWarmUpProcess() {}

  public static void main(String[] args) throws Exception {
    Duration recheck = Duration.ofMillis(Long.parseLong(args[0]));
    BatchedMd5 md5 = BatchedMd5.start(Md5Lanes.LANES, Duration.ZERO, recheck, (how, settled) -> System.out.println(how));
    try {
      TestLake.awaitWarm(md5, Duration.ofSeconds(100));
    } catch (AssertionError e) {
      System.out.println(e.getMessage());
      return;
    }
    PendingMd5[] digests = new PendingMd5[Md5Lanes.LANES];
    for (int j = 0; j < digests.length; j++) {
      digests[j] = md5.submit(ByteBuffer.wrap(body(j)), 20000 + j);
    }
    boolean agree = true;
    for (int j = 0; j < digests.length; j++) {
      agree &= Arrays.equals(digests[j].get(), Md5LanesTest.jdk(body(j)));
    }
    System.out.println((agree ? "digests agree, " : "digests differ, ") + md5.hashedInLanes() + " in lanes");
  }

  private static byte[] body(int lane) {
    byte[] body = new byte[20000 + lane];
    Arrays.fill(body, (byte) lane);
    return body;
  }
}
