package dev.lakegate.bench.scenario;

import dev.lakegate.bench.server.ServerUnderTest;
import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.server.BenchServer;
import dev.lakegate.bench.server.BenchServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bench/run}'s entry point for the scenarios: starts one server (a child JVM unless
 * {@code --in-process}) in a fresh work directory, runs the scenarios named on the command line in
 * order, prints each one's loads, limits and ratios, and removes the work directory unless
 * {@code --keep-work} says to leave it (on ext4 without a journal, files created within minutes of
 * a large deletion are created several times slower, so back-to-back runs skew each other; before
 * its first load that creates files, a run measures whether the disk is in that state, and warns
 * and waits for it, at most {@code --settle}: {@link DiskCheck}).
 *
 * <pre>ScenarioMain tokens|unipart|put64k|put1g|memory|scenarios... [--duration 30s] [--warm-up 20s] [--concurrency 32]
 *     [--max-requests 1000000] [--large-bytes 1073741824] [--work DIR] [--keep-work] [--settle 10m] [--in-process]
 *     [--signing auto|jdk|conscrypt|openssl] [--conscrypt]</pre>
 */
public final class ScenarioMain {
  private static final List<String> ORDER = List.of("tokens", "unipart", "put64k", "put1g");
  /** JVM options of the child server unless {@code LAKEGATE_BENCH_SERVER_OPTS} says otherwise. */
  static final String DEFAULT_SERVER_OPTS = "-Xmx128m -XX:+UseSerialGC";

  private ScenarioMain() {}

  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    Path work = Files.createTempDirectory(Files.createDirectories(arguments.workParent), "run-");
    try (LoadHarness harness = LoadHarness.create()) {
      if (arguments.inProcess) {
        if (arguments.conscrypt) {
          BenchServer.preferConscrypt();
        }
        try (BenchServer server = BenchServer.start(work, arguments.signing)) {
          System.out.println("server token signatures: " + server.signatureProvider());
          runAll(arguments, work, server.target(), harness);
        }
      } else {
        List<String> jvm = jvmOptions(serverOpts());
        System.out.println("server JVM options: " + String.join(" ", jvm));
        System.out.println("server JCA provider: " + (arguments.conscrypt ? "Conscrypt first" : "the JDK's"));
        List<String> serverArgs = new ArrayList<>(List.of("--signing", arguments.signing));
        if (arguments.conscrypt) {
          serverArgs.add("--conscrypt");
        }
        try (BenchServerProcess server = BenchServerProcess.launch(work, jvm, serverArgs)) {
          System.out.println("server token signatures: " + server.signatureProvider());
          runAll(arguments, work, server.target(), harness);
        }
      }
    } finally {
      if (arguments.keepWork) {
        System.out.println("work directory kept: " + work.toAbsolutePath());
      } else {
        Scratch.deleteAndRecord(work);
      }
    }
  }

  private static void runAll(Arguments arguments, Path work, ServerUnderTest server, LoadHarness harness) throws Exception {
    System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.version());
    boolean diskChecked = false;
    for (String scenario : arguments.scenarios) {
      if (!diskChecked && DiskCheck.CREATING_FILES.contains(scenario)) {
        // Right before the first load that creates files: the disk may settle during those before.
        DiskCheck.settle(work, arguments.settle, System.out);
        diskChecked = true;
      }
      ScenarioResult result = switch (scenario) {
        case "tokens" -> new TokenScenario(new SecureRandom()).run(server, harness, arguments.options);
        case "unipart" -> new UnipartScenario().run(server, harness, arguments.options);
        case "put64k" -> new Put64kScenario().run(server, harness, arguments.options);
        case "put1g" -> new Put1gScenario().run(server, harness, arguments.options);
        default -> throw new IllegalStateException("unknown scenario " + scenario);
      };
      result.lines().forEach(System.out::println);
      System.out.flush();
    }
  }

  /** The parsed command line. */
  private record Arguments(List<String> scenarios, ScenarioOptions options, Path workParent, boolean keepWork,
      boolean inProcess, boolean conscrypt, String signing, Duration settle) {

    static Arguments parse(String[] args) {
      Set<String> scenarios = new LinkedHashSet<>();
      ScenarioOptions defaults = ScenarioOptions.standard();
      Duration duration = defaults.duration();
      Duration warmUp = defaults.warmUp();
      int concurrency = defaults.concurrency();
      long maxRequests = defaults.maxRequests();
      long largeBytes = defaults.largeObjectBytes();
      Path workParent = WORK_PARENT;
      boolean keepWork = false;
      boolean inProcess = false;
      boolean conscrypt = false;
      String signing = "auto";
      Duration settle = DiskCheck.DEFAULT_SETTLE;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--duration" -> duration = duration(value(args, ++i, arg));
          case "--warm-up" -> warmUp = duration(value(args, ++i, arg));
          case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, arg));
          case "--max-requests" -> maxRequests = Long.parseLong(value(args, ++i, arg));
          case "--large-bytes" -> largeBytes = Long.parseLong(value(args, ++i, arg));
          case "--work" -> workParent = Path.of(value(args, ++i, arg));
          case "--keep-work" -> keepWork = true;
          case "--in-process" -> inProcess = true;
          case "--conscrypt" -> conscrypt = true;
          case "--signing" -> signing = signingChoice(value(args, ++i, arg));
          case "--settle" -> settle = duration(value(args, ++i, arg));
          case "scenarios" -> scenarios.addAll(ORDER);
          case "memory" -> scenarios.addAll(List.of("unipart", "put64k"));
          default -> {
            if (!ORDER.contains(arg)) {
              throw new IllegalArgumentException("unknown argument " + arg + "; scenarios are " + ORDER
                  + ", memory, scenarios; options --duration 30s --warm-up 20s --concurrency 32 --max-requests N"
                  + " --large-bytes N --work DIR --keep-work --settle 10m --in-process --signing auto|jdk|conscrypt|openssl"
                  + " --conscrypt");
            }
            scenarios.add(arg);
          }
        }
      }
      if (scenarios.isEmpty()) {
        throw new IllegalArgumentException("name at least one scenario: " + ORDER + ", memory or scenarios");
      }
      List<String> ordered = new ArrayList<>(ORDER.stream().filter(scenarios::contains).toList());
      return new Arguments(ordered, new ScenarioOptions(duration, warmUp, concurrency, maxRequests, largeBytes), workParent,
          keepWork, inProcess, conscrypt, signing, settle);
    }

    private static String signingChoice(String value) {
      if (!List.of("auto", "jdk", "conscrypt", "openssl").contains(value)) {
        throw new IllegalArgumentException("--signing is auto, jdk, conscrypt or openssl, not " + value);
      }
      return value;
    }
  }

  /** Where a run's work directory is made unless {@code --work} says otherwise. */
  static final Path WORK_PARENT = Path.of("target", "bench-work");

  /** The child server's JVM options: {@code LAKEGATE_BENCH_SERVER_OPTS}, else {@link #DEFAULT_SERVER_OPTS}. */
  static String serverOpts() {
    return System.getenv().getOrDefault("LAKEGATE_BENCH_SERVER_OPTS", DEFAULT_SERVER_OPTS);
  }

  /** JVM options written on one line, split at white space. */
  static List<String> jvmOptions(String line) {
    return Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  /** The value after the option at {@code i - 1}. */
  static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** A duration written as {@code 30s}, {@code 2m} or {@code 1m30s}. */
  static Duration duration(String value) {
    return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
  }
}
