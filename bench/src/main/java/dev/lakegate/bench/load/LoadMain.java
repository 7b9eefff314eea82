package dev.lakegate.bench.load;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The load harness on its own ({@code bench/run load}): one request repeated against a loopback
 * URL, closed-loop or paced, with the report printed as one line.
 *
 * <pre>LoadMain --url http://127.0.0.1:8080/health/live [--method GET] [--header "Name: value"]...
 *     [--body-bytes 0] [--duration 10s] [--concurrency 8] [--max-requests 1000000] [--rate 5000]
 *     [--transport loop|socket|jdk]</pre>
 *
 * <p>{@code loop}, the default, drives every connection from one thread; {@code socket} and {@code
 * jdk} run a thread per connection, on the harness's plain socket or on {@code java.net.http}.
 */
public final class LoadMain {
  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    URI url = null;
    String method = "GET";
    List<String> headers = new ArrayList<>();
    int bodyBytes = 0;
    Duration duration = Duration.ofSeconds(10);
    int concurrency = 8;
    long maxRequests = 1_000_000;
    double rate = 0;
    String transport = "loop";
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--url" -> url = URI.create(value);
        case "--method" -> method = value.toUpperCase(Locale.ROOT);
        case "--header" -> headers.add(value);
        case "--body-bytes" -> bodyBytes = Integer.parseInt(value);
        case "--duration" -> duration = Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
        case "--concurrency" -> concurrency = Integer.parseInt(value);
        case "--max-requests" -> maxRequests = Long.parseLong(value);
        case "--rate" -> rate = Double.parseDouble(value);
        case "--transport" -> {
          if (!List.of("loop", "socket", "jdk").contains(value)) {
            throw new IllegalArgumentException("--transport is loop, socket or jdk, got " + value);
          }
          transport = value;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --url --method --header --body-bytes --duration --concurrency --max-requests --rate"
            + " --transport");
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required");
    }
    HttpRequest request = request(new LoopbackTarget().require(url), method, headers, bodyBytes);
    LoadPlan plan = LoadPlan.closed(concurrency, duration, maxRequests);
    try (LoadHarness harness = LoadHarness.create()) {
      String name = method + " " + url.getPath();
      LoadPlan paced = rate > 0 ? plan.atRate(rate) : plan;
      RequestSource source = seq -> Optional.of(request);
      LoadReport report = switch (transport) {
        case "jdk" -> harness.run(name, paced, source, harness.jdk());
        case "socket" -> harness.run(name, paced, source, Transport.socket());
        default -> harness.run(name, paced, source);
      };
      System.out.println(report.summary());
    }
  }

  private static HttpRequest request(URI url, String method, List<String> headers, int bodyBytes) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(url).method(method,
        bodyBytes > 0 ? InMemoryBody.of(new byte[bodyBytes]) : HttpRequest.BodyPublishers.noBody());
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("a header is \"Name: value\"");
      }
      builder.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
    }
    return builder.build();
  }
}
