package dev.lakegate.cdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakegate.core.config.ApiConfig;
import dev.lakegate.core.config.AppClientSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/** Props are checked before any resource exists, and every problem is reported at once. */
class StackPropsTest {
  private static final ResourceNames NAMES = ResourceNames.fromContext(TestStacks.CONTEXT);

  @Test
  void reportsEveryProblemAtOnceBeforeBuilding() {
    ApiConfig minimal = TestStacks.load(TestStacks.MINIMAL);
    ApiConfig broken = new ApiConfig(
        minimal.adminRoles(), minimal.targetBucketName(), "in", "in", 0, List.of(), "prod",
        Optional.of("arn:aws:iam::111122223333:role/not-a-key"), Optional.empty(), false, Map.of(),
        Map.of("late-refresh", new AppClientSettings(120, 60, 1)), Map.of(), Map.of());
    FunctionCode code = new FunctionCode(Path.of("no/such/function.jar"), "not a class", FunctionCode.POST_AUTHENTICATION_HANDLER);

    assertThatThrownBy(() -> M2mApiStackProps.validated(broken, NAMES, code))
        .isInstanceOfSatisfying(StackPropsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "api.allowedCidrs must list at least one CIDR block: the web ACL allows nothing else",
            "api.concurrencyLimit must be at least 1, was 0",
            "api.kmsKeyArn \"arn:aws:iam::111122223333:role/not-a-key\" is not an ARN of service kms",
            "api.appClients.late-refresh: access and id token validity must not exceed the refresh token validity (1 h)",
            "function code no/such/function.jar does not exist (build the lambda module first)",
            "handler \"not a class\" is not a Java class name (optionally ::method)"));
  }

  @Test
  void stackRefusesPropsThatBypassedValidationBeforeCreatingAnything() {
    ApiConfig minimal = TestStacks.load(TestStacks.MINIMAL);
    ApiConfig noCidrs = new ApiConfig(
        minimal.adminRoles(), minimal.targetBucketName(), "in", "in", 1, List.of(), "prod", Optional.empty(),
        Optional.empty(), false, Map.of(), Map.of(), Map.of(), Map.of());
    App app = new App();
    M2mApiStackProps unchecked = new M2mApiStackProps(noCidrs, NAMES, FunctionCode.lakegateHandlers(TestStacks.PLACEHOLDER_CODE));

    assertThatThrownBy(() -> new M2mApiStack(app, "M2mApi", unchecked))
        .isInstanceOf(StackPropsException.class)
        .hasMessageContaining("api.allowedCidrs must list at least one CIDR block");
    assertThat(app.getNode().getChildren()).isEmpty();
  }

  @Test
  void acceptsTheExamplesWithThePlaceholderCode() {
    assertThat(TestStacks.props(TestStacks.load(TestStacks.COMPREHENSIVE)).code().integrationHandler())
        .isEqualTo("dev.lakegate.lambda.UploadHandler");
  }

  @Test
  void rejectsNamesThatCognitoForbidsInTheDomainPrefix() {
    ResourceNames names = new ResourceNames("amazonia", "dev", "sales", "m2m-api");
    assertThatThrownBy(() -> M2mApiStackProps.validated(TestStacks.load(TestStacks.MINIMAL), names,
        FunctionCode.lakegateHandlers(TestStacks.PLACEHOLDER_CODE)))
        .isInstanceOf(StackPropsException.class)
        .hasMessageContaining("may not contain \"amazon\"");
  }
}
