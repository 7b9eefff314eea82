package dev.lakegate.client.bench;

import dev.lakegate.auth.client.ClientCredentials;
import dev.lakegate.client.ClientSecret;
import dev.lakegate.client.LakegateClient;
import dev.lakegate.client.RetryPolicy;
import dev.lakegate.client.TrustedCertificates;
import dev.lakegate.client.UploadResult;
import dev.lakegate.client.UploadSettings;
import dev.lakegate.client.fake.TestFiles;
import dev.lakegate.server.TestServer;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * Measures the client's upload throughput against the standalone server on loopback (HTTPS, local
 * lake), as a ratio to one plain single-stream PUT of the same file in the same run: the baseline
 * asks {@code unipart} for a URL and PUTs the file with the JDK's HTTP client, nothing else. Then
 * the client with its defaults, then a sweep of part size and parallelism. Prints a markdown
 * table. Arguments: file size in MiB (default 1024), repetitions (default 2).
 */
public final class ClientThroughput {
  private static final long MIB = UploadSettings.MIB;

  private ClientThroughput() {}

  public static void main(String[] args) throws Exception {
    long sizeMib = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path dir = Files.createTempDirectory("lakegate-bench");
    Path file = TestFiles.random(dir.resolve("payload.bin"), sizeMib * MIB, 1);
    try (TestServer server = TestServer.withDefaults().start()) {
      SSLContext tls = TrustedCertificates.sslContext(List.of(server.server().certificateFile().orElseThrow()));
      List<String> rows = new ArrayList<>();
      // Warm-up, not recorded: the JIT and the server's first requests would otherwise tax whichever runs first.
      Path warmUp = TestFiles.random(dir.resolve("warm-up.bin"), 64 * MIB, 2);
      plainPut(server, tls, warmUp);
      client(server, tls, warmUp, settings(dir, UploadSettings.DEFAULT_PART_SIZE, UploadSettings.DEFAULT_PARALLELISM));
      Files.delete(warmUp);
      List<Plain> plain = new ArrayList<>();
      for (int i = 0; i < repetitions; i++) {
        plain.add(plainPut(server, tls, file));
      }
      double baseline = plain.stream().mapToDouble(Plain::putOnly).max().orElseThrow();
      rows.add(row("plain single-stream PUT (baseline)", baseline, baseline));
      rows.add(row("plain: MD5 of the file, then single-stream PUT",
          plain.stream().mapToDouble(Plain::md5ThenPut).max().orElseThrow(), baseline));
      UploadSettings defaults = settings(dir, UploadSettings.DEFAULT_PART_SIZE, UploadSettings.DEFAULT_PARALLELISM);
      rows.add(row("client, defaults (32 MiB parts, 4 parallel)", best(repetitions, () -> client(server, tls, file, defaults)), baseline));
      for (long partMib : new long[] {16, 64}) {
        UploadSettings s = settings(dir, partMib * MIB, UploadSettings.DEFAULT_PARALLELISM);
        rows.add(row("client, " + partMib + " MiB parts, 4 parallel", best(1, () -> client(server, tls, file, s)), baseline));
      }
      for (int parallel : new int[] {1, 8}) {
        UploadSettings s = settings(dir, UploadSettings.DEFAULT_PART_SIZE, parallel);
        rows.add(row("client, 32 MiB parts, " + parallel + " parallel", best(1, () -> client(server, tls, file, s)), baseline));
      }
      double baselineAgain = plainPut(server, tls, file).putOnly();
      rows.add(String.format(Locale.ROOT, "| plain single-stream PUT, again at the end | %.0f | %.2f |",
          baselineAgain, baselineAgain / baseline));
      System.out.println("| run | MiB/s | ratio to plain PUT |");
      System.out.println("|---|---:|---:|");
      rows.forEach(System.out::println);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static UploadSettings settings(Path dir, long partSize, int parallel) {
    return new UploadSettings(16 * MIB, partSize, parallel, RetryPolicy.defaults(), dir.resolve("state"));
  }

  /** A run that moves a file and returns its throughput in MiB/s. */
  @FunctionalInterface
  private interface Run {
    double mibPerSecond() throws Exception;
  }

  private static double best(int repetitions, Run run) throws Exception {
    double best = 0;
    for (int i = 0; i < repetitions; i++) {
      best = Math.max(best, run.mibPerSecond());
    }
    return best;
  }

  /** Deletes the objects stored so far, so that a long run does not fill the disk. */
  private static void emptyLake(TestServer server) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(server.bucketDir())) {
      for (Path stored : files.filter(Files::isRegularFile).toList()) {
        Files.deleteIfExists(stored);
      }
    }
  }

  private static String row(String name, double mibPerSecond, double baseline) {
    return String.format(Locale.ROOT, "| %s | %.0f | %.2f |", name, mibPerSecond, mibPerSecond / baseline);
  }

  private static double client(TestServer server, SSLContext tls, Path file, UploadSettings settings) throws Exception {
    ClientCredentials credentials = server.credentials();
    try (LakegateClient client = LakegateClient.builder()
        .tokenUrl(server.uri("/oauth2/token"))
        .apiUrl(server.uri("/prod/upload"))
        .clientId(credentials.clientId())
        .clientSecret(ClientSecret.of(credentials.clientSecret().reveal()))
        .sslContext(tls)
        .settings(settings)
        .build()) {
      client.checkCredentials();
      long start = System.nanoTime();
      UploadResult result = client.upload(file);
      double rate = rate(result.bytes(), System.nanoTime() - start);
      emptyLake(server);
      return rate;
    }
  }

  /** Throughput of one plain PUT alone, and of hashing the file first and then the PUT, as a script does. */
  private record Plain(double putOnly, double md5ThenPut) {}

  /** The MD5 is timed apart from the PUT: the baseline is the transfer alone. */
  private static Plain plainPut(TestServer server, SSLContext tls, Path file) throws Exception {
    long md5Start = System.nanoTime();
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] block = new byte[1 << 20];
      for (int n = in.read(block); n >= 0; n = in.read(block)) {
        md5.update(block, 0, n);
      }
    }
    String contentMd5 = Base64.getEncoder().encodeToString(md5.digest());
    long md5Nanos = System.nanoTime() - md5Start;
    try (HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build()) {
      String token = server.accessToken();
      HttpResponse<String> presigned = http.send(HttpRequest.newBuilder(
              server.uri("/prod/upload/unipart?md5=" + URLEncoder.encode(contentMd5, StandardCharsets.UTF_8)))
          .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
      String body = presigned.body();
      int at = body.indexOf("\"url\":\"") + 7;
      URI url = URI.create(body.substring(at, body.indexOf('"', at)).replace("\\/", "/"));
      long start = System.nanoTime();
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(url).header("Content-MD5", contentMd5)
          .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
      long elapsed = System.nanoTime() - start;
      if (put.statusCode() != 200) {
        throw new IllegalStateException("plain PUT failed: " + put.statusCode() + " " + put.body());
      }
      emptyLake(server);
      return new Plain(rate(Files.size(file), elapsed), rate(Files.size(file), md5Nanos + elapsed));
    }
  }

  private static double rate(long bytes, long nanos) {
    return bytes / (double) MIB / (nanos / 1e9);
  }
}
