package dev.lakegate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.config.StandaloneConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer cannot hold more connections than {@code maxConnectionsPerPeer} nor keep a silent one
 * open past {@code idleTimeout}, and what Jetty rejects itself is answered in JSON. Plain HTTP so
 * the test speaks raw bytes.
 */
class ConnectionLimitsTest {
  @RegisterExtension
  final TestServer server = TestServer.builder()
      .standalone(s -> s.plainHttp(true).limits(new StandaloneConfig.Limits(16 * 1024, 8 * 1024, Duration.ofSeconds(1), 2)))
      .build();

  @Test
  void connectionBeyondPerPeerLimitIsClosedBeforeAnyRequest() throws IOException {
    // one after the other: each connection is open and counted before the next one arrives
    try (Socket first = connect()) {
      assertThat(exchange(first, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
      try (Socket second = connect()) {
        assertThat(exchange(second, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
        try (Socket third = connect()) {
          assertThat(exchange(third, "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")).isEmpty();
        }
      }
    }
  }

  @Test
  void silentConnectionIsClosedAfterIdleTimeout() throws IOException {
    try (Socket socket = connect()) {
      socket.setSoTimeout(15_000);
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void malformedHeaderGets400InJson() throws IOException {
    try (Socket socket = connect()) {
      String response = exchange(socket, "GET /health/live HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");

      assertThat(response).startsWith("HTTP/1.1 400").contains("{\"message\":\"Bad Request\"}").doesNotContain("Jetty");
    }
  }

  @Test
  void unsupportedProtocolVersionGets505InJson() throws IOException {
    try (Socket socket = connect()) {
      assertThat(exchange(socket, "NOT A REQUEST\r\n\r\n")).startsWith("HTTP/1.1 505").contains("{\"message\":\"HTTP Version Not Supported\"}");
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.server().port()), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Sends {@code request} and reads until the server closes or the response's body is complete enough to judge. */
  private static String exchange(Socket socket, String request) throws IOException {
    try {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    } catch (IOException closedAlready) {
      return "";
    }
    InputStream in = socket.getInputStream();
    StringBuilder response = new StringBuilder();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        response.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        if (response.toString().contains("\r\n\r\n") && response.toString().trim().endsWith("}")) {
          break;
        }
      }
    } catch (java.net.SocketException reset) {
      // A connection the server refused may be reset rather than closed.
    }
    return response.toString();
  }
}
