package dev.lakegate.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * What the Lambda runtime does in a new execution environment, in a fresh JVM whose class path is
 * the deployable jar and this class only: construct the handler from the environment, then serve
 * one event (and a second, warm one). Prints one line of timings for {@link ColdStartBenchmark}.
 * Not a test: run by {@code lambda/scripts/cold-start.sh}.
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    Instant jvmStart = ProcessHandle.current().info().startInstant().orElseThrow();
    long mainEntered = System.nanoTime();
    Instant mainAt = Instant.now();
    UploadHandler handler = new UploadHandler();
    long constructed = System.nanoTime();
    ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    APIGatewayProxyRequestEvent event = json.readValue(Files.readString(Path.of(args[0])), APIGatewayProxyRequestEvent.class);
    long parsed = System.nanoTime();
    APIGatewayProxyResponseEvent first = handler.handleRequest(event, null);
    long served = System.nanoTime();
    handler.handleRequest(event, null);
    long servedAgain = System.nanoTime();
    System.out.printf("PROBE jvm_to_main_ms=%d init_ms=%d first_invoke_ms=%d second_invoke_ms=%d status=%d body_bytes=%d%n",
        Duration.between(jvmStart, mainAt).toMillis(),
        (constructed - mainEntered) / 1_000_000,
        (served - parsed) / 1_000_000,
        (servedAgain - served) / 1_000_000,
        first.getStatusCode(),
        first.getBody().length());
  }
}
