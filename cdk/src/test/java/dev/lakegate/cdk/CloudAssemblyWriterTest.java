package dev.lakegate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * The written cloud assembly is deployable as it is (manifest, template, the function jar as an
 * asset), and a resource that breaks a rule pack stops the synthesis.
 */
class CloudAssemblyWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesManifestTemplateAndTheFunctionJarAsAsset(@TempDir Path dir) throws IOException {
    Path jar = placeholderJar(dir.resolve("lakegate-lambda-aws.jar"));
    Path out = dir.resolve("cdk.out");
    M2mApiStackProps props = M2mApiStackProps.fromConfig(
        TestStacks.load(TestStacks.MINIMAL), ResourceNames.fromContext(TestStacks.CONTEXT), FunctionCode.lakegateHandlers(jar));

    Path template = CloudAssemblyWriter.write(props, out);

    assertThat(template).startsWith(out).exists();
    JsonNode parsed = JSON.readTree(template.toFile());
    assertThat(parsed.path("Resources").size()).isGreaterThan(20);
    assertThat(parsed.path("Outputs").has("TokenEndpoint")).isTrue();
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.path("artifacts").path(CloudAssemblyWriter.STACK_ID).path("type").asText())
        .isEqualTo("aws:cloudformation:stack");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("asset.") && name.endsWith(".jar"))
          .anyMatch(name -> name.endsWith(".assets.json"));
    }
  }

  @Test
  void refusesAnAssemblyWithAnUnsuppressedFinding(@TempDir Path dir) {
    App app = new App(AppProps.builder().outdir(dir.toString()).build());
    M2mApiStack stack = CloudAssemblyWriter.stackIn(app, TestStacks.props(TestStacks.load(TestStacks.MINIMAL)));
    new LogGroup(stack, "UnencryptedLogs");

    assertThatThrownBy(() -> CloudAssemblyWriter.synthesizeChecked(app, stack))
        .isInstanceOf(UnsuppressedFindingsException.class)
        .hasMessageContaining("/M2mApi/UnencryptedLogs/Resource")
        .hasMessageContaining("CloudWatchLogGroupEncrypted");
  }

  private static Path placeholderJar(Path path) throws IOException {
    try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("placeholder.txt"));
      zip.write("not a real handler".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return path;
  }
}
