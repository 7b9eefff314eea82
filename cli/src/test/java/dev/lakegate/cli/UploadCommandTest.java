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

class UploadCommandTest {
  @TempDir Path dir;
  private TokenEndpointStub endpoint;
  private Map<String, String> environment;

  @BeforeEach
  void start() {
    try {
      endpoint = new TokenEndpointStub();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    environment = Map.of("LAKEGATE_CLIENT_SECRET", TokenEndpointStub.SECRET);
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private CommandRun upload(Map<String, String> env, String... extra) throws IOException {
    Path file = Files.writeString(dir.resolve("a.csv"), "a,b\n");
    String[] base = {file.toString(), "--api", endpoint.apiUrl().toString(),
        "--token-url", endpoint.tokenUrl().toString(), "--client-id", TokenEndpointStub.CLIENT_ID,
        "--state-dir", dir.resolve("state").toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CommandRun.upload(env, args);
  }

  @Test
  void aWrongSecretFailsBeforeAnyUploadWithExitCode2() throws IOException {
    CommandRun run = upload(Map.of("LAKEGATE_CLIENT_SECRET", "wrong"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("refused the client credentials").contains("check the client id and secret");
    assertThat(endpoint.requests()).isEqualTo(1);
  }

  @Test
  void refusesASecretOnTheCommandLine() throws IOException {
    CommandRun run = upload(Map.of(), "--client-secret", "visible");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--client-secret is refused").doesNotContain("visible");
    assertThat(endpoint.requests()).isZero();
  }

  @Test
  void aPartSizeBelowFiveMebibytesIsAUsageError() throws IOException {
    CommandRun run = upload(environment, "--part-size", "4MiB");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("part size must be between 5 MiB and 5 GiB");
  }

  @Test
  void anUnreadableSizeIsAUsageError() throws IOException {
    CommandRun run = upload(environment, "--part-size", "lots");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'lots' is not a size");
  }

  @Test
  void aMissingCaCertificateFileIsAUsageError() throws IOException {
    CommandRun run = upload(environment, "--ca-cert", dir.resolve("none.pem").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot use --ca-cert");
  }

  @Test
  void printsOneJsonLinePerFileAndExits0WhenAllArrived() throws IOException {
    Path second = Files.writeString(dir.resolve("b.csv"), "c,d\n");

    CommandRun run = upload(environment, second.toString(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line)
        .startsWith("{\"path\":").contains("\"uuid\":\"" + TokenEndpointStub.UUID + "\"")
        .contains("\"bytes\":4").contains("\"etag\":\"" + TokenEndpointStub.ETAG + "\"").contains("\"seconds\":"));
  }

  @Test
  void exits1WhenSomeFilesFailAndTheOthersArrive() throws IOException {
    CommandRun run = upload(environment, dir.resolve("missing.csv").toString(),
        "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines().toList()).hasSize(2).anySatisfy(line -> assertThat(line).contains("\"error\":"));
    assertThat(run.err()).contains("missing.csv").contains("not a regular file");
  }

  @Test
  void sizesAcceptBinaryUnits() {
    UploadCommand.ByteSize size = new UploadCommand.ByteSize();

    assertThat(size.convert("16MiB")).isEqualTo(16L << 20);
    assertThat(size.convert("1g")).isEqualTo(1L << 30);
    assertThat(size.convert("8388608")).isEqualTo(8388608L);
  }
}
