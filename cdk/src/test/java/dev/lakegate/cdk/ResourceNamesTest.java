package dev.lakegate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resource names follow {@code {org}-{env}-{domain}-{module}-{suffix}} within each service's limit. */
class ResourceNamesTest {

  @Test
  void joinsContextAndSuffix() {
    assertThat(new ResourceNames("acme", "dev", "sales", "m2m-api").name("integration", 64))
        .isEqualTo("acme-dev-sales-m2m-api-integration");
  }

  @Test
  void shortensALongNameToTheLimitKeepingSuffixAndUniqueness() {
    ResourceNames names = new ResourceNames("a-very-long-organisation-name", "production", "customer-analytics", "m2m-api");
    String integration = names.name("integration", 64);
    String postAuth = names.name("post-auth", 64);

    assertThat(integration).hasSize(64).endsWith("-integration").startsWith("a-very-long-organisation-name-production");
    assertThat(postAuth).hasSizeLessThanOrEqualTo(64).endsWith("-post-auth");
    assertThat(names.name("integration", 64)).isEqualTo(integration);
    assertThat(new ResourceNames("a-very-long-organisation-name", "production", "customer-analytics", "m2m-apj").name("integration", 64))
        .isNotEqualTo(integration);
  }

  @Test
  void namesEveryMissingContextKey() {
    assertThatThrownBy(() -> ResourceNames.fromContext(Map.of("org", "acme", "domain", "")))
        .isInstanceOfSatisfying(StackPropsException.class, e -> assertThat(e.problems()).containsExactly(
            "context env is required (--context env=...)",
            "context domain is required (--context domain=...)",
            "context module_name is required (--context module_name=...)"));
  }

  @Test
  void rejectsContextValuesThatCannotBeInAResourceName() {
    assertThatThrownBy(() -> new ResourceNames("Acme", "dev", "sales_team", "m2m-api"))
        .isInstanceOfSatisfying(StackPropsException.class, e -> assertThat(e.problems()).hasSize(2)
            .anySatisfy(p -> assertThat(p).startsWith("context org \"Acme\""))
            .anySatisfy(p -> assertThat(p).startsWith("context domain \"sales_team\"")));
  }
}
