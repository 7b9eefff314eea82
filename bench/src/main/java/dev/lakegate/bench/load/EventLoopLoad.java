package dev.lakegate.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link LoadPlan} from a single thread: {@code concurrency} keep-alive HTTP/1.1
 * connections on non-blocking sockets and one selector, each with at most one request outstanding,
 * as a thread per connection would have. Written by hand (request heads as {@link RequestHead}
 * writes them, answers parsed by Jetty's {@link HttpParser}) because on two cores shared with the
 * server a thread per connection cost the harness about three times the CPU per request of a
 * single-threaded load generator, and the server more as well. A paced plan's slots are kept by a
 * second thread that only wakes the selector, since a selector's timeout counts whole milliseconds.
 * One instance runs one plan.
 */
final class EventLoopLoad {
  private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** How long answers still outstanding when the plan's time is up are waited for, then counted as lost. */
  static final Duration DRAIN = Duration.ofSeconds(60);

  private final LoopbackTarget gate;
  private final LoadPlan plan;
  private final RequestSource source;
  private final long drainNanos;
  private final Tally tally = new Tally();
  private final ByteBuffer input = ByteBuffer.allocateDirect(64 * 1024);
  // A body's block copied once off the heap, so a write does not copy it again into a temporary buffer.
  private final Map<InMemoryBody, ByteBuffer> blocks = new IdentityHashMap<>();
  private final ArrayDeque<Link> idle = new ArrayDeque<>();
  private final List<Link> links = new ArrayList<>();
  private @Nullable Selector selector;
  private long start;
  private long deadline;
  private long issued;
  private int inFlight;
  private boolean dispatching = true;
  private volatile boolean ended;

  EventLoopLoad(LoopbackTarget gate, LoadPlan plan, RequestSource source) {
    this(gate, plan, source, DRAIN);
  }

  /** @param drain how long answers outstanding at the plan's end are waited for before they count as lost */
  EventLoopLoad(LoopbackTarget gate, LoadPlan plan, RequestSource source, Duration drain) {
    this.gate = gate;
    this.plan = plan;
    this.source = source;
    this.drainNanos = drain.toNanos();
  }

  /** Sends the plan's requests, waits for their answers, and reports what it measured. */
  LoadReport run(String name) throws InterruptedException {
    try (Selector opened = Selector.open()) {
      selector = opened;
      start = System.nanoTime();
      deadline = start + plan.duration().toNanos();
      for (int i = 0; i < plan.concurrency(); i++) {
        Link link = new Link();
        links.add(link);
        idle.add(link);
      }
      Thread pacer = plan.ratePerSecond().isPresent()
          ? Thread.ofPlatform().daemon().name("load-" + name + "-pacer").start(() -> pace(opened))
          : null;
      try {
        loop(opened);
      } finally {
        ended = true;
        if (pacer != null) {
          pacer.interrupt();
        }
        links.forEach(Link::close);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the load's selector failed", e);
    }
    return Tally.report(name, Duration.ofNanos(System.nanoTime() - start), List.of(tally));
  }

  private void loop(Selector opened) throws IOException, InterruptedException {
    long drainBy = Long.MAX_VALUE;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("the load was interrupted with " + inFlight + " requests in flight");
      }
      dispatch();
      long now = System.nanoTime();
      if (dispatching && now >= deadline && (plan.ratePerSecond().isEmpty() || slot(issued) >= deadline)) {
        // Every connection is busy at the end (a paced plan first sends the slots it is behind on).
        dispatching = false;
      }
      if (!dispatching && inFlight == 0) {
        return;
      }
      if (!dispatching && drainBy == Long.MAX_VALUE) {
        drainBy = Math.max(now, deadline) + drainNanos;
      }
      if (now >= drainBy) {
        for (Link link : links) {
          if (link.busy) {
            fail(link, "no answer", now);
          }
        }
        return;
      }
      long wakeBy = Math.min(nextDispatch(), dispatching ? (now < deadline ? deadline : Long.MAX_VALUE) : drainBy);
      for (Link link : links) {
        if (link.connectBy != 0) {
          if (now >= link.connectBy) {
            fail(link, SocketTimeoutException.class.getSimpleName(), now);
          } else {
            wakeBy = Math.min(wakeBy, link.connectBy);
          }
        }
      }
      if (wakeBy == Long.MAX_VALUE) {
        opened.select(this::ready);
      } else {
        long millis = TimeUnit.NANOSECONDS.toMillis(wakeBy - now) + 1;
        opened.select(this::ready, millis);
      }
    }
  }

  /** When the next request is due, if a connection is free for it: now, a paced slot, or never. */
  private long nextDispatch() {
    if (!dispatching || idle.isEmpty()) {
      return Long.MAX_VALUE;
    }
    return plan.ratePerSecond().isPresent() ? slot(issued) : System.nanoTime();
  }

  private long slot(long sequence) {
    return plan.slot(start, sequence);
  }

  /** Wakes the selector at every slot of a paced plan until the load ends. */
  private void pace(Selector opened) {
    for (long sequence = 0; !ended; sequence++) {
      long slot = slot(sequence);
      for (long wait = slot - System.nanoTime(); wait > 0 && !ended; wait = slot - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      try {
        opened.wakeup();
      } catch (ClosedSelectorException done) {
        return;
      }
    }
  }

  /** Starts every request that is due on a free connection, as the worker of a thread would. */
  private void dispatch() {
    while (dispatching && !idle.isEmpty()) {
      if (issued >= plan.maxRequests()) {
        dispatching = false;
        return;
      }
      long now = System.nanoTime();
      long begin = plan.ratePerSecond().isPresent() ? slot(issued) : now;
      if (begin >= deadline) {
        dispatching = false;
        return;
      }
      if (begin > now) {
        return;
      }
      Optional<HttpRequest> request = source.next(issued);
      if (request.isEmpty()) {
        dispatching = false;
        return;
      }
      issued++;
      Link link = idle.poll();
      inFlight++;
      link.start(request.get(), begin);
    }
  }

  private void ready(SelectionKey key) {
    Link link = (Link) key.attachment();
    try {
      if (key.isConnectable()) {
        link.connected();
      } else if (key.isWritable()) {
        link.write();
      } else if (key.isReadable()) {
        link.read();
      }
    } catch (IOException e) {
      if (link.busy) {
        fail(link, e.getClass().getSimpleName(), System.nanoTime());
      } else {
        // An idle connection the server reset: no request lost, the next one reconnects.
        link.close();
      }
    }
  }

  /** Counts the link's request as failed, drops its connection (the stream may be mid-message), frees it. */
  private void fail(Link link, String kind, long now) {
    link.close();
    finish(link, kind, now);
  }

  private void finish(Link link, @Nullable String failure, long now) {
    tally.record(link.begin, now, failure);
    link.freedAt = now;
    link.busy = false;
    inFlight--;
    idle.add(link);
  }

  private ByteBuffer block(InMemoryBody body) {
    return blocks.computeIfAbsent(body, b -> {
      byte[] bytes = b.block();
      return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    });
  }

  /** One keep-alive connection and the exchange on it: the request going out, the answer coming in. */
  private final class Link implements HttpParser.ResponseHandler {
    // A parser that saw a connection end cannot be reset: each connection gets its own.
    private HttpParser parser = new HttpParser(this);
    private @Nullable SocketChannel channel;
    private @Nullable SelectionKey key;
    private String authority = "";
    private @Nullable HttpRequest lastRequest;
    private byte[] lastHead = new byte[0];
    private ByteBuffer head = ByteBuffer.allocate(0);
    private @Nullable ByteBuffer block;
    private long bodyLength;
    private long bodySent;
    private long begin;
    /** When the connection's last request ended: a request due before then waited for the connection, not the harness. */
    private long freedAt;
    private long connectBy;
    private boolean busy;
    private int status;
    private boolean closes;
    private boolean complete;
    private @Nullable String broken;

    void start(HttpRequest request, long begun) {
      begin = begun;
      busy = true;
      tally.sent(Math.max(begun, freedAt), System.nanoTime());
      try {
        gate.require(request.uri());
        long length = RequestHead.bodyLength(request);
        ByteBuffer bodyBlock = null;
        if (length > 0) {
          if (!(request.bodyPublisher().orElseThrow() instanceof InMemoryBody memory)) {
            throw new IllegalArgumentException("the event loop sends bodies held in memory only");
          }
          bodyBlock = block(memory);
        }
        String target = RequestHead.authority(request.uri());
        if (request != lastRequest) {
          // Scenarios send one request object again and again: its head is built once.
          lastHead = RequestHead.of(request, length, target);
          lastRequest = request;
        }
        head = ByteBuffer.wrap(lastHead);
        block = bodyBlock;
        bodyLength = length;
        bodySent = 0;
        status = 0;
        closes = false;
        complete = false;
        broken = null;
        boolean reconnect = channel == null || !target.equals(authority);
        if (reconnect) {
          parser = new HttpParser(this);
        } else {
          parser.reset();
        }
        parser.setHeadResponse(request.method().equals("HEAD"));
        if (reconnect) {
          connect(request.uri(), target);
        } else {
          write();
        }
      } catch (IllegalArgumentException | IOException e) {
        fail(this, e.getClass().getSimpleName(), System.nanoTime());
      }
    }

    private void connect(URI url, String target) throws IOException {
      close();
      SocketChannel opened = SocketChannel.open();
      channel = opened;
      authority = target;
      opened.configureBlocking(false);
      opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
      key = opened.register(selector, 0, this);
      if (opened.connect(new InetSocketAddress(url.getHost(), RequestHead.port(url)))) {
        write();
      } else {
        connectBy = System.nanoTime() + CONNECT_TIMEOUT_NANOS;
        interest(SelectionKey.OP_CONNECT);
      }
    }

    void connected() throws IOException {
      if (channel().finishConnect()) {
        connectBy = 0;
        write();
      }
    }

    /** Writes as much of the request as the socket takes: the head and the body's first bytes in one call. */
    void write() throws IOException {
      SocketChannel out = channel();
      while (true) {
        ByteBuffer chunk = nextChunk();
        int before = chunk == null ? 0 : chunk.position();
        long written;
        if (chunk == null) {
          written = out.write(head);
        } else if (head.hasRemaining()) {
          written = out.write(new ByteBuffer[] {head, chunk});
        } else {
          written = out.write(chunk);
        }
        if (chunk != null) {
          bodySent += chunk.position() - before;
        }
        if (!head.hasRemaining() && bodySent == bodyLength) {
          interest(SelectionKey.OP_READ);
          return;
        }
        if (written == 0) {
          interest(SelectionKey.OP_WRITE);
          return;
        }
      }
    }

    /** The body's next bytes as a view of its block, or null when it is all sent. */
    private @Nullable ByteBuffer nextChunk() {
      ByteBuffer whole = block;
      if (whole == null || bodySent == bodyLength) {
        return null;
      }
      int at = (int) (bodySent % whole.capacity());
      int length = (int) Math.min(whole.capacity() - at, bodyLength - bodySent);
      return whole.duplicate().limit(at + length).position(at);
    }

    void read() throws IOException {
      SocketChannel in = channel();
      input.clear();
      int read = in.read(input);
      long now = System.nanoTime();
      if (!busy) {
        // Between requests a connection stays readable-interested (no system call to change it back
        // and forth): the server closed it, or sent what was never asked for. The next request reconnects.
        close();
        return;
      }
      if (read < 0) {
        parser.atEOF();
        parser.parseNext(ByteBuffer.allocate(0));
        if (!complete) {
          fail(this, broken != null ? broken : EOFException.class.getSimpleName(), now);
          return;
        }
        close();
      } else {
        input.flip();
        while (input.hasRemaining() && !complete && broken == null) {
          int before = input.position();
          parser.parseNext(input);
          if (input.position() == before && !complete && broken == null) {
            break;
          }
        }
        if (broken != null) {
          fail(this, broken, now);
          return;
        }
        if (!complete) {
          return;
        }
        if (closes || input.hasRemaining()) {
          // Bytes after the answer were never asked for: the connection cannot be trusted for the next.
          close();
        }
      }
      finish(this, status / 100 == 2 ? null : "status " + status, now);
    }

    private void interest(int operations) {
      SelectionKey registered = key;
      if (registered != null) {
        registered.interestOps(operations);
      }
    }

    private SocketChannel channel() throws IOException {
      SocketChannel open = channel;
      if (open == null) {
        throw new IOException("the connection is closed");
      }
      return open;
    }

    void close() {
      SocketChannel open = channel;
      channel = null;
      key = null;
      authority = "";
      connectBy = 0;
      if (open != null) {
        try {
          open.close();
        } catch (IOException ignored) {
          // closing a connection we are done with; nothing to do
        }
      }
    }

    @Override
    public void startResponse(HttpVersion version, int code, String reason) {
      status = code;
      closes = version != HttpVersion.HTTP_1_1;
    }

    @Override
    public void parsedHeader(HttpField field) {
      if (field.getHeader() == HttpHeader.CONNECTION) {
        closes |= field.contains("close");
      }
    }

    @Override
    public boolean headerComplete() {
      return false;
    }

    @Override
    public boolean content(ByteBuffer content) {
      // The body is not kept; the parser moves past it.
      return false;
    }

    @Override
    public boolean contentComplete() {
      return false;
    }

    @Override
    public boolean messageComplete() {
      complete = true;
      return true;
    }

    @Override
    public void earlyEOF() {
      broken = EOFException.class.getSimpleName();
    }

    @Override
    public void badMessage(HttpException failure) {
      broken = "bad answer (" + failure.getReason() + ")";
    }
  }
}
