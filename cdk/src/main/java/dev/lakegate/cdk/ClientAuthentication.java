package dev.lakegate.cdk;

import dev.lakegate.core.config.AppClientSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.amazon.awscdk.services.cognito.UserPoolTriggers;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * Client authentication of the AWS deployment ({@code contract.md} §2, §9): a Cognito user pool
 * without self sign-up or account recovery and with threat protection enforced, its token domain,
 * the resource server {@code m2m-api} with scope {@code m2m-custom}, one client-credentials app
 * client per {@code appClients} entry (secret generated, token revocation on, user existence errors
 * hidden) and the post-authentication logging function.
 */
public final class ClientAuthentication extends Construct {

  public final UserPool userPool;
  public final UserPoolDomain domain;
  public final UserPoolResourceServer resourceServer;
  public final OAuthScope scope;
  public final HandlerFunction postAuthentication;
  private final Map<String, UserPoolClient> clients = new LinkedHashMap<>();

  public ClientAuthentication(Construct scope, String id, M2mApiStackProps props, IKey key) {
    super(scope, id);
    ResourceNames names = props.names();
    this.postAuthentication = new HandlerFunction(this, "PostAuthentication", new HandlerFunction.Spec(
        "post-auth",
        "Logs each sign-in to the user pool of " + names.base(),
        props.code().postAuthenticationHandler(),
        StackDefaults.POST_AUTHENTICATION_CONCURRENCY,
        Map.of("LOG_LEVEL", StackDefaults.LOG_LEVEL),
        List.of(),
        List.of(),
        Optional.empty()), props.code().asset(), names, key);
    this.userPool = userPool(names);
    this.domain = userPool.addDomain("Domain", UserPoolDomainOptions.builder()
        .cognitoDomain(CognitoDomainOptions.builder().domainPrefix(names.name("auth", StackDefaults.COGNITO_DOMAIN_MAX)).build())
        .build());
    ResourceServerScope customScope = ResourceServerScope.Builder.create()
        .scopeName(StackDefaults.SCOPE)
        .scopeDescription("Upload into the data lake")
        .build();
    this.resourceServer = userPool.addResourceServer("ResourceServer", UserPoolResourceServerOptions.builder()
        .identifier(StackDefaults.RESOURCE_SERVER)
        .userPoolResourceServerName(StackDefaults.RESOURCE_SERVER)
        .scopes(List.of(customScope))
        .build());
    this.scope = OAuthScope.resourceServer(resourceServer, customScope);
    props.api().appClients().forEach((name, settings) -> clients.put(name, appClient(name, settings)));
  }

  private UserPool userPool(ResourceNames names) {
    return UserPool.Builder.create(this, "UserPool")
        .userPoolName(names.name("user-pool", StackDefaults.USER_POOL_NAME_MAX))
        .selfSignUpEnabled(false)
        .accountRecovery(AccountRecovery.NONE)
        .featurePlan(FeaturePlan.PLUS)
        .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION)
        // The pool has no users, only app clients; MFA and a long password bar any user that appears.
        .mfa(Mfa.REQUIRED)
        .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
        .passwordPolicy(PasswordPolicy.builder()
            .minLength(StackDefaults.PASSWORD_MIN_LENGTH)
            .requireLowercase(true)
            .requireUppercase(true)
            .requireDigits(true)
            .requireSymbols(true)
            .tempPasswordValidity(Duration.days(1))
            .build())
        .lambdaTriggers(UserPoolTriggers.builder().postAuthentication(postAuthentication.function).build())
        .deletionProtection(true)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  private UserPoolClient appClient(String name, AppClientSettings settings) {
    UserPoolClient client = userPool.addClient("Client" + (clients.size() + 1), UserPoolClientOptions.builder()
        .userPoolClientName(name)
        .generateSecret(true)
        .oAuth(OAuthSettings.builder()
            .flows(OAuthFlows.builder().clientCredentials(true).build())
            .scopes(List.of(scope))
            .build())
        .accessTokenValidity(Duration.minutes(settings.accessTokenValidityMinutes()))
        .idTokenValidity(Duration.minutes(settings.idTokenValidityMinutes()))
        .refreshTokenValidity(Duration.hours(settings.refreshTokenValidityHours()))
        .enableTokenRevocation(true)
        .preventUserExistenceErrors(true)
        .build());
    // Left out, Cognito would enable the password-less user flows; refresh is the least it accepts,
    // and the client credentials grant issues no refresh token.
    ((CfnUserPoolClient) Objects.requireNonNull(client.getNode().getDefaultChild(), "client resource")).setExplicitAuthFlows(List.of("ALLOW_REFRESH_TOKEN_AUTH"));
    return client;
  }

  /** The app clients by configured name, in the file's order. */
  public Map<String, UserPoolClient> clients() {
    return Collections.unmodifiableMap(clients);
  }

  /** The OAuth token endpoint partners call. */
  public String tokenEndpoint() {
    return domain.baseUrl() + "/oauth2/token";
  }
}
