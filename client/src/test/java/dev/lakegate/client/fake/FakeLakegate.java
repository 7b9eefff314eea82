package dev.lakegate.client.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * A small in-memory stand-in for the wire protocol ({@code contract.md} §2 and §4) on 127.0.0.1,
 * for client behaviour the real server cannot be made to show on demand: token expiry, failures of
 * chosen requests, counts of what was sent. PUTs are checked against their {@code Content-MD5} as
 * the lake checks them; multipart completion concatenates the stored parts in order.
 */
public final class FakeLakegate implements AutoCloseable {
  public static final String CLIENT_ID = "partner-1";
  public static final String SECRET = "s3cret-value";

  private final HttpServer server;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger apiUnauthorized = new AtomicInteger();
  private final AtomicInteger lakePuts = new AtomicInteger();
  private final AtomicLong lakeBytes = new AtomicLong();
  private final AtomicInteger apiCalls = new AtomicInteger();
  private volatile long expiresInSeconds = 3600;
  private volatile IntPredicate failPut = n -> false;
  private volatile IntPredicate dropPut = n -> false;
  private volatile IntPredicate failApi = n -> false;
  private volatile int apiFailureStatus = 503;
  private volatile Set<String> requiredParameters = Set.of();

  private FakeLakegate(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free loopback port. */
  public static FakeLakegate start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeLakegate fake = new FakeLakegate(server);
    server.createContext("/oauth2/token", fake::token);
    server.createContext("/prod/upload/", fake::api);
    server.createContext("/lake/", fake::lake);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return fake;
  }

  public URI tokenUrl() {
    return URI.create(base() + "/oauth2/token");
  }

  public URI apiUrl() {
    return URI.create(base() + "/prod/upload");
  }

  /** Lifetime of the tokens it issues from now on. */
  public void expiresIn(long seconds) {
    expiresInSeconds = seconds;
  }

  /** Makes every token issued so far unknown, as a server restart with new keys would. */
  public void forgetTokens() {
    validTokens.clear();
  }

  /** PUT number n (1-based, counting every PUT) answers 500 when {@code which} says so. */
  public void failPuts(IntPredicate which) {
    failPut = which;
  }

  /** PUT number n has its connection closed without an answer when {@code which} says so. */
  public void dropPuts(IntPredicate which) {
    dropPut = which;
  }

  /** API call number n (1-based) answers {@code status} when {@code which} says so. */
  public void failApiCalls(IntPredicate which, int status) {
    failApi = which;
    apiFailureStatus = status;
  }

  /** Query parameters every API call must carry (the configuration's {@code requestParameters}). */
  public void requireParameters(Set<String> names) {
    requiredParameters = Set.copyOf(names);
  }

  public int tokenRequests() {
    return tokenRequests.get();
  }

  public int unauthorizedApiCalls() {
    return apiUnauthorized.get();
  }

  public int lakePuts() {
    return lakePuts.get();
  }

  public long lakeBytesReceived() {
    return lakeBytes.get();
  }

  /** The stored object of {@code uuid}, or null. */
  public byte[] object(String uuid) {
    return objects.get(uuid);
  }

  public int objectCount() {
    return objects.size();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenRequests.incrementAndGet();
    exchange.getRequestBody().readAllBytes();
    String expected = "Basic " + Base64.getEncoder()
        .encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    String token = "token-" + UUID.randomUUID();
    validTokens.add(token);
    respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + expiresInSeconds + "}");
  }

  private void api(HttpExchange exchange) throws IOException {
    int call = apiCalls.incrementAndGet();
    String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
    if (!auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
      apiUnauthorized.incrementAndGet();
      respond(exchange, 401, "{\"message\":\"Unauthorized\"}");
      return;
    }
    if (failApi.test(call)) {
      respond(exchange, apiFailureStatus, "{\"message\":\"injected failure\"}");
      return;
    }
    Map<String, String> query = query(exchange.getRequestURI());
    for (String name : requiredParameters) {
      if (!query.containsKey(name)) {
        respond(exchange, 400, "{\"message\":\"Missing required request parameters: [" + name + "]\"}");
        return;
      }
    }
    String operation = exchange.getRequestURI().getPath().substring("/prod/upload/".length());
    switch (operation) {
      case "unipart" -> {
        String uuid = UUID.randomUUID().toString();
        respond(exchange, 200, "{\"url\":\"" + base() + "/lake/" + uuid + "?sig=x\",\"uuid\":\"" + uuid + "\"}");
      }
      case "multi_init" -> {
        String uuid = UUID.randomUUID().toString();
        String uploadId = "up-" + UUID.randomUUID();
        uploads.put(uploadId, new ConcurrentHashMap<>());
        respond(exchange, 200, "{\"uuid\":\"" + uuid + "\",\"upload_id\":\"" + uploadId + "\"}");
      }
      case "multi_upload" -> {
        if (!uploads.containsKey(query.get("upload_id"))) {
          respond(exchange, 404, "{\"message\":\"unknown upload id\"}");
          return;
        }
        respond(exchange, 200, "{\"url\":\"" + base() + "/lake/" + query.get("uuid") + "?partNumber="
            + query.get("part_num") + "&uploadId=" + query.get("upload_id") + "\",\"uuid\":\"" + query.get("uuid") + "\"}");
      }
      case "multi_complete" -> complete(exchange, query);
      default -> respond(exchange, 400, "{\"message\":\"unknown operation\"}");
    }
  }

  private void complete(HttpExchange exchange, Map<String, String> query) throws IOException {
    Map<Integer, byte[]> parts = uploads.remove(query.get("upload_id"));
    if (parts == null || parts.isEmpty()) {
      respond(exchange, 400, "{\"message\":\"unknown upload id or no parts\"}");
      return;
    }
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    ByteArrayOutputStream md5s = new ByteArrayOutputStream();
    for (byte[] part : new TreeMap<>(parts).values()) {
      whole.write(part);
      md5s.write(md5(part));
    }
    objects.put(query.get("uuid"), whole.toByteArray());
    String etag = HexFormat.of().formatHex(md5(md5s.toByteArray())) + "-" + parts.size();
    respond(exchange, 200, "{\"uuid\":\"" + query.get("uuid") + "\",\"etag\":\"\\\"" + etag + "\\\"\",\"parts\":"
        + parts.size() + "}");
  }

  private void lake(HttpExchange exchange) throws IOException {
    int put = lakePuts.incrementAndGet();
    if (dropPut.test(put)) {
      // Read part of the body, then cut the connection: the client sees a reset or an early close.
      exchange.getRequestBody().readNBytes(1024);
      exchange.getResponseBody().close();
      exchange.close();
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    lakeBytes.addAndGet(body.length);
    if (failPut.test(put)) {
      respond(exchange, 500, "<Error><Code>InternalError</Code><Message>injected</Message></Error>");
      return;
    }
    String claimed = exchange.getRequestHeaders().getFirst("Content-MD5");
    if (claimed == null || !claimed.equals(Base64.getEncoder().encodeToString(md5(body)))) {
      respond(exchange, 400, "<Error><Code>BadDigest</Code><Message>Content-MD5 mismatch</Message></Error>");
      return;
    }
    String uuid = exchange.getRequestURI().getPath().substring("/lake/".length());
    Map<String, String> query = query(exchange.getRequestURI());
    if (query.containsKey("uploadId")) {
      Map<Integer, byte[]> parts = uploads.get(query.get("uploadId"));
      if (parts == null) {
        respond(exchange, 404, "<Error><Code>NoSuchUpload</Code></Error>");
        return;
      }
      parts.put(Integer.parseInt(query.get("partNumber")), body);
    } else {
      objects.put(uuid, body);
    }
    exchange.getResponseHeaders().add("ETag", "\"" + HexFormat.of().formatHex(md5(body)) + "\"");
    respond(exchange, 200, "");
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> result = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return result;
    }
    for (String pair : raw.split("&", -1)) {
      int eq = pair.indexOf('=');
      result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return result;
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
