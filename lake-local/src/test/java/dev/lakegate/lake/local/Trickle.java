package dev.lakegate.lake.local;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A body that arrives a few bytes per read, as a socket delivers it. */
final class Trickle extends InputStream {
  private final ByteArrayInputStream bytes;
  private final int most;

  Trickle(byte[] content, int most) {
    this.bytes = new ByteArrayInputStream(content);
    this.most = most;
  }

  /**
   * Stages {@code bodies} copies of {@code content} at once, each arriving 4 KiB per read so they
   * overlap, and returns what each staged.
   */
  static List<StagedFile> stageAtOnce(StagingArea staging, byte[] content, int bodies) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(bodies);
    try {
      List<Future<StagedFile>> staged = new ArrayList<>();
      for (int i = 0; i < bodies; i++) {
        staged.add(pool.submit(() ->
            staging.receive(new Trickle(content, 4096), content.length, Optional.of(TestLake.md5(content)))));
      }
      List<StagedFile> files = new ArrayList<>();
      for (Future<StagedFile> file : staged) {
        files.add(file.get());
      }
      return files;
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public int read() {
    return bytes.read();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    return bytes.read(b, off, Math.min(len, most));
  }
}
