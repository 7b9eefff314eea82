package dev.lakegate.lambda;

import dev.lakegate.core.upload.RequestEventJson;
import dev.lakegate.core.upload.TestEvents;
import dev.lakegate.lake.s3.S3ProxyFixture;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the deployable jar's cold start against s3proxy on loopback: starts the store, then runs
 * {@link ColdStartProbe} in fresh JVMs (the jar plus the probe class only, with the flags the Lambda
 * Java runtime uses) and prints each run's timings. Not a test: run by
 * {@code lambda/scripts/cold-start.sh <jar> <runs>}.
 */
public final class ColdStartBenchmark {
  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int runs = Integer.parseInt(args[1]);
    Path probeDir = probeClassDir();
    try (S3ProxyFixture s3 = S3ProxyFixture.start("cold-start-bucket")) {
      Path event = Files.createTempFile("cold-start-event", ".json");
      Files.writeString(event, RequestEventJson.toJson(
          TestEvents.get("unipart").query("md5", "1B2M2Y8AsgTpgAmY7PhCfg==").build()).toString());
      for (int i = 1; i <= runs; i++) {
        System.out.println("run " + i + ": " + probe(jar, probeDir, event, s3));
      }
    }
  }

  private static String probe(Path jar, Path probeDir, Path event, S3ProxyFixture s3) throws IOException, InterruptedException {
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(javaBin,
        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", jar + File.pathSeparator + probeDir,
        ColdStartProbe.class.getName(), event.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("TARGET_BUCKET", s3.bucket());
    env.put("TARGET_PREFIX", "incoming");
    env.put("EVENT_METADATA_MAPPINGS", "{\"client\": \"requestContext.authorizer.claims.client_id\"}");
    env.put("LOG_LEVEL", "WARN");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", S3ProxyFixture.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET_KEY);
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    long started = System.nanoTime();
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    long wallMs = (System.nanoTime() - started) / 1_000_000;
    String probeLine = output.lines().filter(l -> l.startsWith("PROBE ")).findFirst().orElse("no probe line: " + output);
    return "exit=" + exit + " process_wall_ms=" + wallMs + " " + probeLine;
  }

  /** A directory holding only the probe class, so the child JVM finds everything else in the jar. */
  private static Path probeClassDir() throws IOException {
    String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
    Path dir = Files.createTempDirectory("cold-start-probe");
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    try (var in = ColdStartProbe.class.getClassLoader().getResourceAsStream(resource)) {
      Files.write(target, in.readAllBytes());
    }
    return dir;
  }
}
