package dev.lakegate.cdk;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The module's resources as one stack ({@code contract.md} §9): the KMS key, client
 * authentication, the integration function, the upload API and the IP firewall in front of it,
 * with outputs for the user pool id, the token endpoint and the stage URL. Props are checked
 * ({@link M2mApiStackProps#checked}) before any resource is created; the rule packs are applied by
 * {@link CloudAssemblyWriter}.
 */
public final class M2mApiStack extends Stack {

  public final EncryptionKey encryption;
  public final ClientAuthentication authentication;
  public final IntegrationFunction integration;
  public final UploadApi uploadApi;
  public final IpFirewall firewall;

  public M2mApiStack(Construct scope, String id, M2mApiStackProps props) {
    super(scope, id, StackProps.builder()
        .stackName(props.checked().names().base())
        .description("Authenticated, IP-restricted uploads into a data lake (" + props.names().base() + ")")
        .build());
    this.encryption = new EncryptionKey(this, "Encryption", props.api(), props.names());
    this.authentication = new ClientAuthentication(this, "Authentication", props, encryption.key);
    this.integration = new IntegrationFunction(this, "Integration", props, encryption.key);
    this.uploadApi = new UploadApi(this, "UploadApi", props, authentication, integration, encryption.key);
    this.firewall = new IpFirewall(this, "Firewall", props.api().allowedCidrs(), props.names(), encryption.key);
    firewall.protect(uploadApi.api.getDeploymentStage(), props.api().wafArns());
    outputs();
  }

  private void outputs() {
    CfnOutput.Builder.create(this, "UserPoolId")
        .description("Cognito user pool holding the app clients")
        .value(authentication.userPool.getUserPoolId())
        .build();
    CfnOutput.Builder.create(this, "TokenEndpoint")
        .description("OAuth2 token endpoint (client credentials)")
        .value(authentication.tokenEndpoint())
        .build();
    CfnOutput.Builder.create(this, "StageUrl")
        .description("Base URL of the upload API; operations are GET {StageUrl}upload/{operation}")
        .value(uploadApi.api.getUrl())
        .build();
  }
}
