package dev.lakegate.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.PCIDSS321Checks;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * Synthesizes the stack into a cloud assembly directory ({@code cdk.out}: manifest, template,
 * function asset) with the AwsSolutions, NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 rule
 * packs applied, and refuses an assembly with any unsuppressed finding ({@code contract.md} §9).
 */
public final class CloudAssemblyWriter {

  /** The construct id of the one stack; also the template's file name stem. */
  public static final String STACK_ID = "M2mApi";

  private CloudAssemblyWriter() {}

  /** The stack, added to {@code app}, with every rule pack applied to the app. */
  public static M2mApiStack stackIn(App app, M2mApiStackProps props) {
    M2mApiStack stack = new M2mApiStack(app, STACK_ID, props);
    applyRulePacks(app);
    return stack;
  }

  /** Adds the four rule packs; their findings become error or warning annotations at synthesis. */
  public static void applyRulePacks(App app) {
    Aspects.of(app).add(new AwsSolutionsChecks());
    Aspects.of(app).add(new NIST80053R5Checks());
    Aspects.of(app).add(new HIPAASecurityChecks());
    Aspects.of(app).add(new PCIDSS321Checks());
  }

  /**
   * Writes the cloud assembly of the stack into {@code outDir}.
   *
   * @return the written template
   * @throws UnsuppressedFindingsException when a rule pack reports anything not exempted
   */
  public static Path write(M2mApiStackProps props, Path outDir) {
    App app = new App(AppProps.builder().outdir(outDir.toString()).build());
    return synthesizeChecked(app, stackIn(app, props));
  }

  /** Synthesizes the app and returns the stack's template, unless a rule pack reported a finding. */
  // cxapi's message type is deprecated for the TypeScript toolkit library, which has no Java binding.
  @SuppressWarnings("deprecation")
  static Path synthesizeChecked(App app, M2mApiStack stack) {
    CloudAssembly assembly = app.synth();
    CloudFormationStackArtifact artifact = assembly.getStackByName(stack.getStackName());
    List<String> findings = artifact.getMessages().stream()
        .filter(m -> m.getLevel().name().equals("ERROR") || m.getLevel().name().equals("WARNING"))
        .map(m -> m.getId() + " " + m.getEntry().getData())
        .toList();
    if (!findings.isEmpty()) {
      throw new UnsuppressedFindingsException(findings);
    }
    return Path.of(artifact.getTemplateFullPath());
  }
}
