package dev.lakegate.bench.load;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the load of a {@link LoadPlan} and measures it, over {@code concurrency} HTTP/1.1 keep-alive
 * connections held for the whole run, so no handshake is measured after a connection's first
 * request. By default one thread drives all of them ({@link EventLoopLoad}); a load can instead run
 * a thread per connection over a {@link Transport}. Untimed set-up calls go through one {@code
 * java.net.http} client. Every request, timed or not, goes through {@link LoopbackTarget}: nothing
 * leaves the machine. A request succeeds when it gets a 2xx answer; anything else is counted by
 * kind, never dropped.
 */
public final class LoadHarness implements AutoCloseable {
  private final HttpClient client;
  private final LoopbackTarget gate = new LoopbackTarget();

  /** @param client for set-up calls and {@link #jdk()} loads */
  public LoadHarness(HttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * A harness with a plain HTTP/1.1 client that never follows redirects (a redirect could leave
   * loopback) for its set-up calls.
   */
  public static LoadHarness create() {
    return new LoadHarness(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build());
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

  /**
   * Runs the plan against the source from one thread on non-blocking sockets and reports what it
   * measured. Plain {@code http} only, and a request's body must be empty or an {@link
   * InMemoryBody}; anything else fails that request.
   */
  public LoadReport run(String name, LoadPlan plan, RequestSource source) throws InterruptedException {
    return new EventLoopLoad(gate, plan, source).run(name);
  }

  /**
   * Runs the plan against the source with a thread per connection, each sending over a connection
   * of {@code over}, and reports what it measured.
   */
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
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return Tally.report(name, elapsed, workers.stream().map(worker -> worker.tally).toList());
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
    private final Tally tally = new Tally();
    /** When this worker's last request ended: a request due before then waited for the connection, not the harness. */
    private long freedAt;

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
      long slot = plan.slot(start, sequence);
      for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      return slot;
    }

    private void sendOne(Transport.Connection connection, HttpRequest request, long begin) {
      String failure = null;
      tally.sent(Math.max(begin, freedAt), System.nanoTime());
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
      freedAt = System.nanoTime();
      tally.record(begin, freedAt, failure);
    }
  }
}
