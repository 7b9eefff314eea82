package dev.lakegate.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint on 127.0.0.1 that knows one client id and secret, plus just enough of the upload
 * API for single PUTs ({@code unipart} and a lake that stores nothing), for the commands' own tests.
 */
final class TokenEndpointStub implements AutoCloseable {
  static final String CLIENT_ID = "partner-1";
  static final String SECRET = "right-secret";
  static final String TOKEN = "eyJ.test.token";
  static final String UUID = "0f8e5a1c-3b7d-4f2e-9a61-2d5c8b7e4f10";
  static final String ETAG = "5d41402abc4b2a76b9719d911017c592";

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  TokenEndpointStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/oauth2/token", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      String expected = "Basic " + Base64.getEncoder()
          .encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
      boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = (ok
          ? "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
          : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/prod/upload/unipart", exchange -> {
      exchange.getRequestBody().readAllBytes();
      respond(exchange, 200, "{\"url\":\"http://127.0.0.1:" + server.getAddress().getPort()
          + "/lake/object\",\"uuid\":\"" + UUID + "\"}");
    });
    server.createContext("/lake/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("ETag", "\"" + ETAG + "\"");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prod/upload");
  }

  URI tokenUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token");
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
