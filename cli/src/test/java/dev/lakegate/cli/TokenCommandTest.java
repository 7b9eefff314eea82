package dev.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret must never be taken from the command line, where process lists and history show it. */
class TokenCommandTest {
  @TempDir Path dir;
  private TokenEndpointStub endpoint;

  @BeforeEach
  void start() throws IOException {
    endpoint = new TokenEndpointStub();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void printsTheAccessTokenWithTheSecretFromAFile() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), TokenEndpointStub.SECRET + "\n");

    CommandRun run = CommandRun.token(Map.of(), "--token-url", endpoint.tokenUrl().toString(),
        "--client-id", TokenEndpointStub.CLIENT_ID, "--client-secret-file", secret.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo(TokenEndpointStub.TOKEN);
  }

  @Test
  void takesTheSecretFromTheEnvironment() {
    CommandRun run = CommandRun.token(Map.of("LAKEGATE_CLIENT_SECRET", TokenEndpointStub.SECRET),
        "--token-url", endpoint.tokenUrl().toString(), "--client-id", TokenEndpointStub.CLIENT_ID);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo(TokenEndpointStub.TOKEN);
  }

  @Test
  void refusesASecretOnTheCommandLineWithoutSendingIt() {
    CommandRun run = CommandRun.token(Map.of(), "--token-url", endpoint.tokenUrl().toString(),
        "--client-id", TokenEndpointStub.CLIENT_ID, "--client-secret", TokenEndpointStub.SECRET);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--client-secret is refused").doesNotContain(TokenEndpointStub.SECRET);
    assertThat(endpoint.requests()).isZero();
  }

  @Test
  void withoutAnySecretSaysWhereToPutIt() {
    CommandRun run = CommandRun.token(Map.of(), "--token-url", endpoint.tokenUrl().toString(),
        "--client-id", TokenEndpointStub.CLIENT_ID);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--client-secret-file FILE or set LAKEGATE_CLIENT_SECRET");
  }

  @Test
  void aWrongSecretExitsWith2AndAClearMessage() {
    CommandRun run = CommandRun.token(Map.of("LAKEGATE_CLIENT_SECRET", "not-it"),
        "--token-url", endpoint.tokenUrl().toString(), "--client-id", TokenEndpointStub.CLIENT_ID);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("refused the client credentials").contains("invalid_client")
        .doesNotContain("not-it");
    assertThat(endpoint.requests()).isEqualTo(1);
  }
}
