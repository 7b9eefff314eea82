package dev.lakegate.cdk;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.constructs.IConstruct;

/**
 * One cdk-nag finding we accept on purpose, with the reason: a rule id of one pack, scoped to one
 * resource and, where the finding names them, to the exact policy entries ({@code appliesTo}).
 * Applied to the resource itself, never to its children or the stack.
 */
public record Exemption(String ruleId, String reason, List<String> appliesTo) {

  /** The compliance packs' rule id prefixes. */
  public static final String NIST = "NIST.800.53.R5";

  public static final String HIPAA = "HIPAA.Security";
  public static final String PCI = "PCI.DSS.321";

  public Exemption {
    Objects.requireNonNull(ruleId, "ruleId");
    if (reason.length() < 10) {
      throw new IllegalArgumentException("an exemption needs a reason: " + ruleId);
    }
    appliesTo = List.copyOf(appliesTo);
  }

  /** A rule of the AwsSolutions pack, limited to the given findings of it when any are given. */
  public static Exemption awsSolutions(String rule, String reason, String... appliesTo) {
    return new Exemption("AwsSolutions-" + rule, reason, List.of(appliesTo));
  }

  /** The same rule in each of the named compliance packs (only those that report it). */
  public static List<Exemption> inPacks(String rule, String reason, String... packs) {
    List<Exemption> exemptions = new ArrayList<>();
    for (String pack : packs) {
      exemptions.add(new Exemption(pack + "-" + rule, reason, List.of()));
    }
    return exemptions;
  }

  /** Attaches the exemptions to exactly this resource (not its children). */
  public static void apply(IConstruct resource, List<Exemption> exemptions) {
    List<NagPackSuppression> suppressions = exemptions.stream().map(Exemption::suppression).toList();
    NagSuppressions.addResourceSuppressions(resource, suppressions, false);
  }

  /** An entry written {@code /pattern/} is a JavaScript regular expression, for findings that name a deploy-time token. */
  private static Object appliesToEntry(String entry) {
    return entry.startsWith("/") ? RegexAppliesTo.builder().regex(entry).build() : entry;
  }

  private NagPackSuppression suppression() {
    var builder = NagPackSuppression.builder().id(ruleId).reason(reason);
    if (!appliesTo.isEmpty()) {
      builder.appliesTo(appliesTo.stream().map(Exemption::appliesToEntry).toList());
    }
    return builder.build();
  }
}
