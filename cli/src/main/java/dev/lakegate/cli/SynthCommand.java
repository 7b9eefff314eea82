package dev.lakegate.cli;

import dev.lakegate.cdk.CloudAssemblyWriter;
import dev.lakegate.cdk.DeployTimeValues;
import dev.lakegate.cdk.FunctionCode;
import dev.lakegate.cdk.M2mApiStackProps;
import dev.lakegate.cdk.ResourceNames;
import dev.lakegate.cdk.StackPropsException;
import dev.lakegate.cdk.UnsuppressedFindingsException;
import dev.lakegate.core.config.ApiConfig;
import dev.lakegate.core.config.ConfigException;
import dev.lakegate.core.config.ConfigLoader;
import dev.lakegate.core.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakegate synth}: turns the configuration's {@code api:} section into the AWS deployment of
 * {@code contract.md} §9, written as a cloud assembly ({@code cdk.out}: template, manifest and the
 * function jar as an asset) that {@code cdk deploy --app} or CloudFormation can deploy. Requires the
 * {@code org}, {@code env}, {@code domain} and {@code module_name} context; ignores the {@code
 * standalone:} section. Exit 2 for a usage or configuration problem, 1 when a rule pack finding is
 * not exempted (nothing to deploy then).
 */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
        "Write the AWS deployment (CloudFormation template and function asset) for a configuration file.",
        "Needs --context org=, env=, domain= and module_name=; {{partition}}, {{account}} and {{region}} "
            + "left open become the deploying account's."})
public final class SynthCommand implements Callable<Integer> {

  /** Where the distribution keeps the function jar, relative to the directory of the cli jar. */
  static final String DIST_LAMBDA_DIR = "../lambda";

  @Mixin ConfigOptions config = new ConfigOptions();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "cdk.out",
      description = "Cloud assembly directory to write. Default: ${DEFAULT-VALUE}.")
  Path out = Path.of("cdk.out");

  @Option(names = "--lambda-jar", paramLabel = "FILE",
      description = "The function jar (lakegate-lambda-*-aws.jar). Default: the one shipped with this distribution.")
  @Nullable Path lambdaJar;

  @Spec @Nullable CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec command = Objects.requireNonNull(spec, "spec");
    PrintWriter err = command.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    if (config.file().isEmpty()) {
      problems.add("synth needs --config FILE (the embedded standalone default is not meant for AWS)");
    }
    Optional<ResourceNames> names = names(problems);
    Optional<Path> jar = functionJar(problems);
    if (!problems.isEmpty()) {
      return fail(err, problems);
    }
    Optional<ApiConfig> api = load(config.file().orElseThrow(), err);
    if (api.isEmpty()) {
      return Main.EXIT_USAGE;
    }
    try {
      M2mApiStackProps props = M2mApiStackProps.fromConfig(api.get(), names.orElseThrow(), FunctionCode.lakegateHandlers(jar.orElseThrow()));
      Path template = CloudAssemblyWriter.write(props, out);
      report(command.commandLine().getOut(), template);
      return 0;
    } catch (StackPropsException e) {
      return fail(err, e.problems());
    } catch (UnsuppressedFindingsException e) {
      err.println(e.getMessage());
      err.flush();
      return 1;
    }
  }

  private Optional<ResourceNames> names(List<String> problems) {
    try {
      return Optional.of(ResourceNames.fromContext(config.context()));
    } catch (StackPropsException e) {
      problems.addAll(e.problems());
      return Optional.empty();
    }
  }

  /** Loads strictly: placeholders need context, except the account, region and partition left to deployment. */
  private Optional<ApiConfig> load(Path file, PrintWriter err) {
    try {
      return Optional.of(ConfigLoader.strict().load(file, DeployTimeValues.loaderContext(config.context())).api());
    } catch (ConfigException e) {
      fail(err, e.problems().stream().map(ConfigProblem::toString).toList());
      return Optional.empty();
    }
  }

  private Optional<Path> functionJar(List<String> problems) {
    if (lambdaJar != null) {
      return Optional.of(lambdaJar);
    }
    List<Path> searched = searchedDirectories();
    for (Path dir : searched) {
      Optional<Path> found = awsJarIn(dir);
      if (found.isPresent()) {
        return found;
      }
    }
    problems.add("the function jar (lakegate-lambda-*-aws.jar) is not in " + searched
        + "; build it (./mvnw -pl cli -am install) or give --lambda-jar FILE");
    return Optional.empty();
  }

  /** The distribution's lambda directory, then the lambda module's build output of a source checkout. */
  private static List<Path> searchedDirectories() {
    List<Path> dirs = new ArrayList<>();
    CodeSource source = SynthCommand.class.getProtectionDomain().getCodeSource();
    if (source != null) {
      try {
        Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
        dirs.add(location.resolveSibling(DIST_LAMBDA_DIR).normalize());
      } catch (URISyntaxException e) {
        // Not loaded from a file: only the source checkout's layout is searched.
      }
    }
    dirs.add(Path.of("lambda", "target").toAbsolutePath());
    return dirs;
  }

  private static Optional<Path> awsJarIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "lakegate-lambda-*-aws.jar")) {
      for (Path jar : jars) {
        return Optional.of(jar);
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void report(PrintWriter stdout, Path template) {
    stdout.println("wrote " + template);
    stdout.println("deploy with:  npx cdk deploy --app " + out + "   (see docs/aws.md)");
    stdout.flush();
  }

  private static int fail(PrintWriter err, List<String> problems) {
    problems.forEach(err::println);
    err.flush();
    return Main.EXIT_USAGE;
  }
}
