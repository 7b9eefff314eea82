package dev.lakegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code lakegate synth} run in-process through {@link Main#commandLine()}, writing to a temporary directory. */
class SynthCommandTest {
  private static final Path EXAMPLES = Path.of("../examples");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> CONTEXT = List.of(
      "--context", "org=acme", "--context", "env=dev", "--context", "domain=sales", "--context", "module_name=m2m-api");

  private record Run(int exitCode, String out, String err) {}

  private static Run synth(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = Main.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>();
    all.add("synth");
    all.addAll(args);
    int code = line.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> args(Path config, Path dir, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--out", dir.resolve("cdk.out").toString(),
        "--lambda-jar", placeholderJar(dir).toString()));
    args.addAll(List.of(more));
    return args;
  }

  @ParameterizedTest
  @ValueSource(strings = {"m2m-api-minimal.yaml", "m2m-api-comprehensive.yaml"})
  void writesATemplateThatParsesAsCloudFormationJson(String example, @TempDir Path dir) throws IOException {
    List<String> args = args(EXAMPLES.resolve(example), dir);
    args.addAll(CONTEXT);

    Run run = synth(args);

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    Path template = dir.resolve("cdk.out/M2mApi.template.json");
    assertThat(run.out()).contains("wrote " + template);
    JsonNode parsed = JSON.readTree(template.toFile());
    assertThat(parsed.path("Resources").isObject()).isTrue();
    List<String> types = new ArrayList<>();
    parsed.path("Resources").forEach(resource -> types.add(resource.path("Type").asText()));
    assertThat(types).allMatch(type -> type.startsWith("AWS::"))
        .contains("AWS::ApiGateway::RestApi", "AWS::Cognito::UserPool", "AWS::WAFv2::WebACL", "AWS::Lambda::Function");
    assertThat(parsed.path("Outputs").has("StageUrl")).isTrue();
    assertThat(dir.resolve("cdk.out/manifest.json")).exists();
    try (Stream<Path> files = Files.list(dir.resolve("cdk.out"))) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("asset.") && name.endsWith(".jar"));
    }
  }

  @Test
  void missingContextExitsTwoNamingEachMissingKey(@TempDir Path dir) throws IOException {
    List<String> args = args(EXAMPLES.resolve("m2m-api-minimal.yaml"), dir, "--context", "org=acme");

    Run run = synth(args);

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains(
        "context env is required (--context env=...)",
        "context domain is required (--context domain=...)",
        "context module_name is required (--context module_name=...)");
    assertThat(dir.resolve("cdk.out")).doesNotExist();
  }

  @Test
  void missingFunctionJarExitsTwoSayingWhereItLookedAndHowToBuildIt(@TempDir Path dir) {
    List<String> args = new ArrayList<>(List.of(
        "--config", EXAMPLES.resolve("m2m-api-minimal.yaml").toString(), "--out", dir.resolve("cdk.out").toString()));
    args.addAll(CONTEXT);

    Run run = synth(args);

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("the function jar (lakegate-lambda-*-aws.jar) is not in", "--lambda-jar FILE");
    assertThat(dir.resolve("cdk.out")).doesNotExist();
  }

  @Test
  void requiresAConfigurationFile(@TempDir Path dir) {
    List<String> args = new ArrayList<>(List.of("--out", dir.resolve("cdk.out").toString()));
    args.addAll(CONTEXT);

    Run run = synth(args);

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains("synth needs --config FILE");
  }

  @Test
  void ignoresTheStandaloneSection(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("m2m-api.yaml");
    Files.writeString(config, Files.readString(EXAMPLES.resolve("m2m-api-minimal.yaml")) + """
        standalone:
          listen: 127.0.0.1:9443
          plainHttp: true
        """);
    List<String> args = args(config, dir);
    args.addAll(CONTEXT);

    Run run = synth(args);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(dir.resolve("cdk.out/M2mApi.template.json"))).doesNotContain("9443");
  }

  @Test
  void configurationProblemsExitTwoWithFileLineAndPath(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("m2m-api.yaml");
    Files.writeString(config, Files.readString(EXAMPLES.resolve("m2m-api-minimal.yaml")).replace("10.0.0.0/8", "10.0.0.1/8"));
    List<String> args = args(config, dir);
    args.addAll(CONTEXT);

    Run run = synth(args);

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err()).contains(config + ":").contains("api.allowedCidrs[0]");
  }

  private static Path placeholderJar(Path dir) throws IOException {
    Path jar = dir.resolve("lakegate-lambda-test-aws.jar");
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("placeholder.txt"));
      zip.write("stands in for the function jar".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return jar;
  }
}
