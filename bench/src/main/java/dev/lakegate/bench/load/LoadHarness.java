package dev.lakegate.bench.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Sends the load of a {@link LoadPlan} and measures it. Each worker holds one HTTP/1.1 keep-alive
 * connection of a {@link Transport} for the whole run, so no handshake is measured after its first
 * request; untimed set-up calls go through one {@code java.net.http} client. Every request, timed
 * or not, goes through {@link LoopbackTarget}: nothing leaves the machine. A request succeeds when
 * it gets a 2xx answer; anything else is counted by kind, never dropped.
 */
public final class LoadHarness implements AutoCloseable {
  // One hour in microseconds: nothing a run measures is longer, and three digits keep 0.1 % precision.
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private final HttpClient client;
  private final Transport transport;
  private final LoopbackTarget gate = new LoopbackTarget();

  /**
   * @param client for set-up calls and {@link #jdk()} loads
   * @param transport the default transport of {@link #run(String, LoadPlan, RequestSource)}
   */
  public LoadHarness(HttpClient client, Transport transport) {
    this.client = Objects.requireNonNull(client, "client");
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /**
   * A harness whose loads use the lean socket transport, with a plain HTTP/1.1 client that never
   * follows redirects (a redirect could leave loopback) for everything else.
   */
  public static LoadHarness create() {
    return new LoadHarness(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build(), Transport.socket());
  }

  /** The {@code java.net.http} transport of this harness's client: streams bodies of any size, speaks TLS. */
  public Transport jdk() {
    return Transport.jdk(client);
  }

  /** One untimed request (a scenario's set-up: a token, a presigned URL), through the same gate. */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    gate.require(request.uri());
    return client.send(request, body);
  }

  /** Runs the plan against the source on the default transport and reports what it measured. */
  public LoadReport run(String name, LoadPlan plan, RequestSource source) throws InterruptedException {
    return run(name, plan, source, transport);
  }

  /** Runs the plan against the source on {@code over} and reports what it measured. */
  public LoadReport run(String name, LoadPlan plan, RequestSource source, Transport over) throws InterruptedException {
    AtomicLong issued = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + plan.duration().toNanos();
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < plan.concurrency(); i++) {
      Worker worker = new Worker(plan, source, over, issued, start, deadline);
      workers.add(worker);
      threads.add(Thread.ofPlatform().name("load-" + name + "-" + i).start(worker));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long elapsed = System.nanoTime() - start;
    Histogram all = new Histogram(HIGHEST_MICROS, 3);
    Map<String, Long> errors = new HashMap<>();
    long succeeded = 0;
    for (Worker worker : workers) {
      all.add(worker.latencies);
      succeeded += worker.succeeded;
      worker.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
    }
    return new LoadReport(name, succeeded, errors, Duration.ofNanos(elapsed),
        all.getValueAtPercentile(50), all.getValueAtPercentile(99), all.getValueAtPercentile(99.9),
        all.getMaxValue());
  }

  @Override
  public void close() {
    client.close();
  }

  /** One connection's loop: take the next sequence number, wait for its slot when paced, send, record. */
  private final class Worker implements Runnable {
    private final LoadPlan plan;
    private final RequestSource source;
    private final Transport over;
    private final AtomicLong issued;
    private final long start;
    private final long deadline;
    private final Histogram latencies = new Histogram(HIGHEST_MICROS, 3);
    private final Map<String, Long> errors = new HashMap<>();
    private long succeeded;

    Worker(LoadPlan plan, RequestSource source, Transport over, AtomicLong issued, long start, long deadline) {
      this.plan = plan;
      this.source = source;
      this.over = over;
      this.issued = issued;
      this.start = start;
      this.deadline = deadline;
    }

    @Override
    public void run() {
      try (Transport.Connection connection = over.open()) {
        loop(connection);
      }
    }

    private void loop(Transport.Connection connection) {
      while (true) {
        long sequence = issued.getAndIncrement();
        if (sequence >= plan.maxRequests()) {
          return;
        }
        long begin = plan.ratePerSecond().isPresent() ? awaitSlot(sequence) : System.nanoTime();
        if (begin >= deadline || Thread.currentThread().isInterrupted()) {
          return;
        }
        Optional<HttpRequest> request = source.next(sequence);
        if (request.isEmpty()) {
          return;
        }
        sendOne(connection, request.get(), begin);
      }
    }

    private long awaitSlot(long sequence) {
      long slot = start + (long) (sequence * 1e9 / plan.ratePerSecond().getAsDouble());
      for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      return slot;
    }

    private void sendOne(Transport.Connection connection, HttpRequest request, long begin) {
      String failure = null;
      try {
        gate.require(request.uri());
        int status = connection.exchange(request);
        if (status / 100 != 2) {
          failure = "status " + status;
        }
      } catch (IOException | IllegalArgumentException e) {
        failure = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted";
      }
      latencies.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (System.nanoTime() - begin) / 1_000)));
      if (failure == null) {
        succeeded++;
      } else {
        errors.merge(failure, 1L, Long::sum);
      }
    }
  }
}
