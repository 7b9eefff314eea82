package dev.lakegate.lake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lakegate.core.lake.MultipartUpload;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What of the multipart state can be read while an upload's lock is held. */
class MultipartStoreTest {
  private static final String KEY = "incoming/big.bin";

  @TempDir Path dir;

  @Test
  void findsAnUploadWhileAnotherThreadHoldsItsKeysLock() throws Exception {
    try (MultipartStore store = MultipartStore.open(dir, TestLake.clock(), new Random(1))) {
      String uploadId = store.start(KEY, "client-1");
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread holder = Thread.ofPlatform().start(() -> {
        try {
          store.locked(KEY, () -> {
            held.countDown();
            try {
              return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new InterruptedIOException("interrupted while holding the lock");
            }
          });
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      try {
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        Optional<MultipartUpload> found = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> store.find(KEY));

        assertThat(found).map(MultipartUpload::uploadId).contains(uploadId);
      } finally {
        release.countDown();
        holder.join();
      }
    }
  }

  @Test
  void keepsWhatItListedOfAnUploadUntilAnActionOnItFails() throws Exception {
    try (MultipartStore store = MultipartStore.open(dir.resolve("state"), TestLake.clock(), new Random(1))) {
      String uploadId = store.start(KEY, "client-1");
      Path staged = Files.write(Files.createDirectories(dir.resolve("staging")).resolve("one"), new byte[] {1});
      store.storePart(KEY, uploadId, 1, new StagedFile(staged, new byte[16], 1));
      Path upload = store.require(KEY, uploadId);
      Files.write(upload.resolve("part-00002.00000000000000000000000000000000"), new byte[] {2});

      List<Integer> kept = store.locked(KEY, () -> numbers(store.listing(upload, uploadId)));
      assertThatThrownBy(() -> store.locked(KEY, () -> {
        throw new IOException("the disk failed");
      })).isInstanceOf(IOException.class);
      List<Integer> listedAgain = store.locked(KEY, () -> numbers(store.listing(upload, uploadId)));

      assertThat(kept).containsExactly(1);
      assertThat(listedAgain).containsExactly(1, 2);
    }
  }

  private static List<Integer> numbers(MultipartStore.Listing listing) {
    return listing.parts().stream().map(MultipartStore.StoredPart::number).toList();
  }

  @Test
  void findsNothingOnceTheUploadIsRemoved() throws Exception {
    try (MultipartStore store = MultipartStore.open(dir, TestLake.clock(), new Random(1))) {
      store.start(KEY, "client-1");

      store.remove(KEY);

      assertThat(store.find(KEY)).isEmpty();
    }
  }
}
