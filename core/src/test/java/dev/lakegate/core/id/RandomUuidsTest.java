package dev.lakegate.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomUuidsTest {

  /** A source that hands out the bytes 0, 1, 2, ... and counts its draws. */
  private static final class CountingSource extends SecureRandom {
    private int nextByte;
    private int draws;

    @Override
    public void nextBytes(byte[] bytes) {
      draws++;
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) nextByte++;
      }
    }
  }

  @Test
  void laysOutTheSourceBytesAsRandomUuidDoes() {
    RandomUuids uuids = new RandomUuids(new CountingSource());

    assertThat(uuids.get()).hasToString("00010203-0405-4607-8809-0a0b0c0d0e0f");
    assertThat(uuids.get()).hasToString("10111213-1415-4617-9819-1a1b1c1d1e1f");
  }

  @Test
  void setsVersionFourAndTheIetfVariant() {
    RandomUuids uuids = new RandomUuids(new SecureRandom());

    for (int i = 0; i < 1000; i++) {
      UUID uuid = uuids.get();
      assertThat(uuid.version()).isEqualTo(4);
      assertThat(uuid.variant()).isEqualTo(2);
    }
  }

  @Test
  void drawsFromTheSourceOncePerBatch() {
    CountingSource source = new CountingSource();
    RandomUuids uuids = new RandomUuids(source);

    for (int i = 0; i < RandomUuids.BATCH; i++) {
      uuids.get();
    }
    assertThat(source.draws).isEqualTo(1);
    uuids.get();

    assertThat(source.draws).isEqualTo(2);
  }

  @Test
  void handsOutEachUuidOnceAcrossThreads() throws InterruptedException {
    RandomUuids uuids = new RandomUuids(new SecureRandom());
    Set<UUID> seen = ConcurrentHashMap.newKeySet();
    List<Thread> threads = IntStream.range(0, 4)
        .mapToObj(t -> Thread.ofVirtual().start(() -> {
          for (int i = 0; i < 10_000; i++) {
            seen.add(uuids.get());
          }
        }))
        .toList();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(seen).hasSize(40_000);
  }
}
