package dev.lakegate.bench.micro;

import dev.lakegate.core.config.StandaloneConfig;
import dev.lakegate.core.lake.PresignedUrl;
import dev.lakegate.lake.local.FileSystemLake;
import dev.lakegate.lake.local.FileSystemLakeSettings;
import dev.lakegate.lake.local.SigningCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Presigning a {@code unipart} PUT on the local lake ({@code contract.md} §6): the SigV4 query
 * signature bound to a {@code Content-MD5}, the one piece of {@code unipart}'s work besides the
 * metadata write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PresignBenchmarks {
  private Path dir;
  private FileSystemLake lake;

  @Setup(Level.Trial)
  public void openLake() throws IOException {
    dir = Files.createTempDirectory("lakegate-bench-lake-");
    lake = FileSystemLake.open(new FileSystemLakeSettings(
        new StandaloneConfig.LocalLake(dir, StandaloneConfig.LocalLake.DEFAULT_ABANDONED_UPLOAD_AGE),
        "bench-lake", URI.create("https://127.0.0.1:8443"),
        new SigningCredentials("LAKEGATEBENCH", "bench-presigning-secret-key", SigningCredentials.DEFAULT_REGION)),
        Clock.systemUTC(), new SecureRandom());
  }

  @TearDown(Level.Trial)
  public void closeLake() throws IOException {
    lake.close();
    try (var files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Benchmark
  public PresignedUrl presignUnipartPut() {
    return lake.presignPut("incoming/0b6f1c2e-8f3a-4c51-9d2e-7a1b3c4d5e6f", SampleRequests.MD5, Duration.ofMinutes(10));
  }
}
