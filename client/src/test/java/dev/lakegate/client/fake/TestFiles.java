package dev.lakegate.client.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Files of pseudo-random bytes, fixed by a seed so that a failure can be repeated. */
public final class TestFiles {
  private TestFiles() {}

  /** Writes {@code size} bytes derived from {@code seed} to {@code file}, a block at a time. */
  public static Path random(Path file, long size, long seed) throws IOException {
    Random random = new Random(seed);
    byte[] block = new byte[1 << 20];
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
    return file;
  }
}
