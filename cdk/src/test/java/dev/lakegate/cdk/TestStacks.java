package dev.lakegate.cdk;

import dev.lakegate.core.config.ApiConfig;
import dev.lakegate.core.config.ConfigLoader;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * Stacks for template tests: the repository's example files loaded as {@code lakegate synth}
 * loads them, with a placeholder directory standing in for the lambda module's jar.
 */
final class TestStacks {
  static final Path MINIMAL = Path.of("../examples/m2m-api-minimal.yaml");
  static final Path COMPREHENSIVE = Path.of("../examples/m2m-api-comprehensive.yaml");
  static final Path PLACEHOLDER_CODE = Path.of("src/test/resources/function-placeholder");
  static final Map<String, String> CONTEXT = Map.of("org", "acme", "env", "dev", "domain", "sales", "module_name", "m2m-api");

  private TestStacks() {}

  static ApiConfig load(Path example) {
    return ConfigLoader.strict().load(example, DeployTimeValues.loaderContext(CONTEXT)).api();
  }

  static M2mApiStackProps props(ApiConfig api) {
    return M2mApiStackProps.fromConfig(api, ResourceNames.fromContext(CONTEXT), FunctionCode.lakegateHandlers(PLACEHOLDER_CODE));
  }

  /**
   * Fails with every finding of the four rule packs that no exemption covers, errors and
   * warnings alike.
   */
  static void assertNoUnsuppressedFindings(M2mApiStack stack) {
    Annotations annotations = Annotations.fromStack(stack);
    List<String> findings = new ArrayList<>();
    annotations.findError("*", Match.anyValue()).forEach(m -> findings.add(m.getId() + " " + m.getEntry().getData()));
    annotations.findWarning("*", Match.anyValue()).forEach(m -> findings.add(m.getId() + " " + m.getEntry().getData()));
    assertThat(findings).as("unsuppressed rule pack findings").isEmpty();
  }

  /** The stack in a fresh app with every rule pack applied, as the synthesis builds it. */
  static M2mApiStack stack(ApiConfig api) {
    return CloudAssemblyWriter.stackIn(new App(), props(api));
  }
}
