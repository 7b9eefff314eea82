package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A partner that floods the API gets 429 at once beyond {@code concurrencyLimit}, as the module's
 * Lambda reserved concurrency refuses, instead of a queue that grows without bound.
 */
class ConcurrencyLimitTest {
  private final AtomicReference<HoldingLake> lake = new AtomicReference<>();

  @RegisterExtension
  final TestServer server = TestServer.builder()
      .api(api -> api.concurrencyLimit(2))
      .lakeDecorator(real -> {
        HoldingLake holding = new HoldingLake(real, 2);
        lake.set(holding);
        return holding;
      })
      .build();

  @Test
  void requestBeyondConcurrencyLimitGets429WithRetryAfter() throws Exception {
    String auth = "Bearer " + server.accessToken();
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      held.add(server.http().sendAsync(unipart(auth), HttpResponse.BodyHandlers.ofString()));
    }
    assertThat(lake.get().awaitEntered()).isTrue();

    HttpResponse<String> refused = server.send(unipart(auth));
    lake.get().release();

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    for (CompletableFuture<HttpResponse<String>> response : held) {
      assertThat(response.get().statusCode()).isEqualTo(200);
    }
    assertThat(server.send(unipart(auth)).statusCode()).isEqualTo(200);
  }

  private HttpRequest unipart(String auth) {
    return HttpRequest.newBuilder(server.uri("/prod/upload/unipart?md5=" + UploadFlowTest.encode("XrY7u+Ae7tCTyyK7j1rNww==")))
        .header("Authorization", auth)
        .build();
  }
}
