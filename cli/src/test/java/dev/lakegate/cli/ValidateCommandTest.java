package dev.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakegate.core.config.ConfigLoader;
import dev.lakegate.core.config.LakegateConfig;
import dev.lakegate.server.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lakegate validate} run in-process through {@link Main#commandLine()}. */
class ValidateCommandTest {
  private static final Path EXAMPLES = Path.of("../examples");

  private record Run(int exitCode, String out, String err) {}

  private static Run validate(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = Main.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "validate";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = line.execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void validFileExitsZeroWithASummary() {
    Run run = validate("--config", EXAMPLES.resolve("m2m-api-comprehensive.yaml").toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("../examples/m2m-api-comprehensive.yaml: valid")
        .contains("bucket:      landing-bucket-name")
        .contains("prefixes:    testing/ (objects), metadata-testing/ (metadata)")
        .contains("stage:       prod (upload API at /prod/upload/, 10 requests in flight)")
        .contains("clients:     test-client (access token 24 min)")
        .contains("CIDRs:       10.0.0.0/8, 192.168.0.0/16, 172.16.0.0/12")
        .contains("parameters:  test_required_param (required), test_opt_param (optional)")
        .contains("lake:        local directory ")
        .contains("listen:      127.0.0.1:8443 (https://127.0.0.1:8443)");
  }

  @Test
  void invalidFileExitsTwoWithEveryProblemOnStandardError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m2m-api.yaml");
    Files.writeString(file, """
        api:
          adminRoles:
            - name: admin
          targetBucketName: Landing
          targetPrefix: /incoming
          concurrencyLimit: 10
          allowedCidrs:
            - 10.0.0.0/8
            - 10.0.0.0/33
        """);

    Run run = validate("--config", file.toString());

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).containsExactly(
        file + ":4 api.targetBucketName: \"Landing\" is not a valid S3 bucket name: "
            + "may contain only lower-case letters, digits, '.' and '-'",
        file + ":5 api.targetPrefix: \"/incoming\" must not start with '/'",
        file + ":9 api.allowedCidrs[1]: \"10.0.0.0/33\" is not an IPv4 CIDR: prefix /33 is over /32",
        "3 problems");
  }

  private static Path configWithTls(Path dir, Path certificate, Path privateKey) throws IOException {
    return Files.writeString(dir.resolve("m2m-api.yaml"), """
        api:
          adminRoles:
            - name: admin
          targetBucketName: landing
          targetPrefix: incoming
          concurrencyLimit: 10
          allowedCidrs:
            - 10.0.0.0/8
        standalone:
          tls:
            certificate: %s
            privateKey: %s
        """.formatted(certificate, privateKey));
  }

  private static Path identity(Path dir) {
    new SelfSignedCertificate(Clock.systemUTC(), new SecureRandom()).loadOrCreate(dir, List.of("localhost"));
    return dir;
  }

  @Test
  void matchingTlsFilesAreValid(@TempDir Path dir) throws IOException {
    Path tls = identity(dir.resolve("tls"));

    Run run = validate("--config", configWithTls(dir, tls.resolve(SelfSignedCertificate.CERTIFICATE_FILE),
        tls.resolve(SelfSignedCertificate.PRIVATE_KEY_FILE)).toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
  }

  @Test
  void tlsKeyOfAnotherCertificateExitsTwo(@TempDir Path dir) throws IOException {
    Path one = identity(dir.resolve("one"));
    Path other = identity(dir.resolve("other"));
    Path file = configWithTls(dir, one.resolve(SelfSignedCertificate.CERTIFICATE_FILE),
        other.resolve(SelfSignedCertificate.PRIVATE_KEY_FILE));

    Run run = validate("--config", file.toString());

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).containsExactly(
        file + " standalone.tls: " + other.resolve(SelfSignedCertificate.PRIVATE_KEY_FILE)
            + " is not the private key of certificate " + one.resolve(SelfSignedCertificate.CERTIFICATE_FILE),
        "1 problem");
  }

  @Test
  void missingTlsFileExitsTwoNamingIt(@TempDir Path dir) throws IOException {
    Path tls = identity(dir.resolve("tls"));
    Path missing = dir.resolve("no-such-key.pem");

    Run run = validate("--config", configWithTls(dir, tls.resolve(SelfSignedCertificate.CERTIFICATE_FILE), missing).toString());

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("standalone.tls: cannot read private key " + missing);
  }

  @Test
  void missingFileExitsTwo() {
    Run run = validate("--config", "no-such-dir/m2m-api.yaml");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).startsWith("no-such-dir/m2m-api.yaml: no such file");
  }

  @Test
  void contextValuesResolvePlaceholders() {
    Run run = validate("--strict", "--config", EXAMPLES.resolve("m2m-api-minimal.yaml").toString(),
        "--context", "partition=aws", "--context", "account=123456789012");

    assertThat(run.exitCode()).isZero();
  }

  @Test
  void strictModeNamesAPlaceholderWithoutContext() {
    Run run = validate("--strict", "--config", EXAMPLES.resolve("m2m-api-minimal.yaml").toString(),
        "--context", "partition=aws");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("../examples/m2m-api-minimal.yaml:6 api.adminRoles[0].arn: placeholder {{account}} has no value");
  }

  @Test
  void contextWithoutEqualsSignIsAUsageError() {
    Run run = validate("--config", EXAMPLES.resolve("m2m-api-minimal.yaml").toString(), "--context", "account");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("--context");
  }

  @Test
  void withoutConfigTheEmbeddedDefaultIsValidated() {
    Run run = validate();

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("examples/standalone.yaml: valid")
        .contains("bucket:      landing")
        .contains("prefixes:    incoming/ (objects), incoming-metadata/ (metadata)")
        .contains("clients:     demo-client (access token 60 min)")
        .contains("CIDRs:       127.0.0.0/8")
        .contains("metadata:    sourceIp, userAgent, requestTime, clientId");
  }

  @Test
  void embeddedDefaultMatchesTheExampleFileInTheRepository() {
    LakegateConfig embedded = ConfigOptions.loadEmbedded(ConfigLoader.withDefaults(), Map.of());
    LakegateConfig file = ConfigLoader.withDefaults().load(EXAMPLES.resolve("standalone.yaml"), Map.of());

    assertThat(embedded).isEqualTo(file);
    assertThat(embedded.api().eventMetadataMappings())
        .containsEntry("clientId", "requestContext.authorizer.claims.client_id");
    assertThat(embedded.standalone().listen().authority()).isEqualTo("127.0.0.1:8443");
  }

  @Test
  void helpDescribesTheOptions() {
    Run run = validate("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: lakegate validate").contains("--config=FILE").contains("--context=KEY=VALUE")
        .contains("--strict");
  }
}
