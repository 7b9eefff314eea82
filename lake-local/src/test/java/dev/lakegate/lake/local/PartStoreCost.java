package dev.lakegate.lake.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Random;

/**
 * Measures what storing one part of a multipart upload costs as the upload grows: parts of one
 * byte stored in order (each extends the upload's assembly, so each waits for two fsyncs), timed
 * in tenths of the run, and the last tenth's mean as a ratio to the first tenth's, measured in the
 * same run. A part's bookkeeping that grew with the parts stored before it shows as a ratio well
 * above 1. Arguments: parts (default 5000), the directory to work in (default the system's
 * temporary directory), which should be on the disk the lake uses.
 */
public final class PartStoreCost {
  private static final String KEY = "incoming/big.bin";

  private PartStoreCost() {}

  public static void main(String[] args) throws Exception {
    int parts = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Path base = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
    if (parts < 10 || parts > MultipartStore.MAX_PART_NUMBER) {
      throw new IllegalArgumentException("parts must be in 10.." + MultipartStore.MAX_PART_NUMBER + ": " + parts);
    }
    Path work = Files.createTempDirectory(base, "part-store-cost");
    try (MultipartStore store = MultipartStore.open(work.resolve("state"), Clock.systemUTC(), new Random(1))) {
      Path staging = Files.createDirectories(work.resolve("staging"));
      String uploadId = store.start(KEY, "bench");
      int tenth = parts / 10;
      double[] meanMillis = new double[10];
      System.out.println("| parts stored | mean ms per part |");
      System.out.println("|---:|---:|");
      for (int t = 0; t < 10; t++) {
        long start = System.nanoTime();
        for (int i = t * tenth + 1; i <= (t + 1) * tenth; i++) {
          Path part = Files.write(staging.resolve("part-" + i), new byte[] {(byte) i});
          store.storePart(KEY, uploadId, i, new StagedFile(part, new byte[16], 1));
        }
        meanMillis[t] = (System.nanoTime() - start) / 1e6 / tenth;
        System.out.printf(Locale.ROOT, "| %d–%d | %.2f |%n", t * tenth + 1, (t + 1) * tenth, meanMillis[t]);
      }
      System.out.printf(Locale.ROOT, "last tenth / first tenth: %.2f%n", meanMillis[9] / meanMillis[0]);
    } finally {
      DurableFiles.deleteTree(work);
    }
  }
}
