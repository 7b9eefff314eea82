package dev.lakegate.bench.scenario;

import dev.lakegate.bench.load.LoadHarness;
import dev.lakegate.bench.server.BenchServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code bench/run compare}'s entry point: starts two servers, A and B, each a JVM of its own in a
 * work directory of its own, and runs a {@link PairedComparison} of one load between them. B may
 * differ from A by JVM options added after A's (a system property that switches a trial on, say;
 * where an option is given twice the JVM takes the last) or by its class path (another build of
 * the server); with neither, A and B are the same, which measures how far two slices of one
 * server drift apart. B's load may also run on more or fewer connections than A's
 * ({@code --b-concurrency}), which measures the load instead of the server.
 *
 * <pre>CompareMain tokens|unipart|put64k [--a-opts "OPTS"] [--b-opts "OPTS"] [--b-classpath CP] [--rounds 6]
 *     [--pairs 2] [--slice 15s] [--warm-up 20s] [--concurrency 32] [--b-concurrency N] [--work DIR] [--keep-work]
 *     [--settle 10m]</pre>
 */
public final class CompareMain {
  private CompareMain() {}

  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    Path work = Files.createTempDirectory(Files.createDirectories(arguments.workParent()), "compare-");
    try (LoadHarness harness = LoadHarness.create()) {
      System.out.println("A: " + String.join(" ", arguments.aOpts()));
      System.out.println("B: " + String.join(" ", arguments.bOpts())
          + (arguments.bClassPath().equals(ownClassPath()) ? "" : "  class path " + arguments.bClassPath()));
      PairedComparison.Plan plan = arguments.plan();
      int perPair = plan.rounds() / arguments.pairs();
      System.out.printf(Locale.ROOT,
          "== compare %s: %d rounds of %d s per server in %d pairs of servers, %s, after %d s of warm-up each%n",
          plan.load().name().toLowerCase(Locale.ROOT), plan.rounds(), plan.slice().toSeconds(), arguments.pairs(),
          plan.concurrency() == plan.bConcurrency() ? plan.concurrency() + " connections"
              : plan.concurrency() + " connections to A, " + plan.bConcurrency() + " to B",
          plan.warmUp().toSeconds());
      if (DiskCheck.CREATING_FILES.contains(plan.load().name().toLowerCase(Locale.ROOT))) {
        DiskCheck.settle(work, arguments.settle(), System.out);
      }
      List<PairedComparison.Slice> slices = new ArrayList<>();
      for (int pair = 1; pair <= arguments.pairs(); pair++) {
        // A server JVM keeps its own speed while it runs (compared with itself, one pair of JVMs
        // differed by 0.90 to 1.17): several pairs average that out, and every other pair starts
        // B first, so that the order of the starts falls on both sides alike.
        boolean aFirst = pair % 2 == 1;
        System.out.println("  pair " + pair + ": " + (aFirst ? "A" : "B") + " started first");
        Path a = Files.createDirectory(work.resolve("a-" + pair));
        Path b = Files.createDirectory(work.resolve("b-" + pair));
        try (BenchServerProcess first = aFirst ? launchA(a, arguments) : launchB(b, arguments);
            BenchServerProcess second = aFirst ? launchB(b, arguments) : launchA(a, arguments)) {
          BenchServerProcess serverA = aFirst ? first : second;
          BenchServerProcess serverB = aFirst ? second : first;
          slices.addAll(PairedComparison.run(plan.withRounds(perPair), slices.size() / 2 + 1, serverA.target(),
              serverB.target(), harness));
        }
      }
      PairedComparison.lines(slices).forEach(System.out::println);
    } finally {
      if (arguments.keepWork()) {
        System.out.println("work directory kept: " + work.toAbsolutePath());
      } else {
        Scratch.deleteAndRecord(work);
      }
    }
  }

  private static BenchServerProcess launchA(Path dir, Arguments arguments) throws IOException, InterruptedException {
    return BenchServerProcess.launch(dir, arguments.aOpts(), List.of(), ownClassPath());
  }

  private static BenchServerProcess launchB(Path dir, Arguments arguments) throws IOException, InterruptedException {
    return BenchServerProcess.launch(dir, arguments.bOpts(), List.of(), arguments.bClassPath());
  }

  private static String ownClassPath() {
    return System.getProperty("java.class.path");
  }

  /** The parsed command line. */
  record Arguments(PairedComparison.Plan plan, int pairs, List<String> aOpts, List<String> bOpts, String bClassPath,
      Path workParent, boolean keepWork, Duration settle) {

    /**
     * A's options followed by B's own: B then differs from A by what {@code --b-opts} says only,
     * never by losing A's heap or collector.
     */
    private static List<String> bOptions(List<String> aOpts, @Nullable String bOpts) {
      List<String> options = new ArrayList<>(aOpts);
      if (bOpts != null) {
        options.addAll(ScenarioMain.jvmOptions(bOpts));
      }
      return List.copyOf(options);
    }

    static Arguments parse(String[] args) {
      if (args.length == 0) {
        throw new IllegalArgumentException("name the load to compare: tokens, unipart or put64k");
      }
      PairedComparison.Load load = PairedComparison.Load.named(args[0]);
      String aOpts = ScenarioMain.serverOpts();
      String bOpts = null;
      String bClassPath = ownClassPath();
      int rounds = 6;
      int pairs = 2;
      Duration slice = Duration.ofSeconds(15);
      Duration warmUp = ScenarioOptions.standard().warmUp();
      int concurrency = ScenarioOptions.standard().concurrency();
      Integer bConcurrency = null;
      Path workParent = ScenarioMain.WORK_PARENT;
      boolean keepWork = false;
      Duration settle = DiskCheck.DEFAULT_SETTLE;
      for (int i = 1; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--a-opts" -> aOpts = ScenarioMain.value(args, ++i, arg);
          case "--b-opts" -> bOpts = ScenarioMain.value(args, ++i, arg);
          case "--b-classpath" -> bClassPath = ScenarioMain.value(args, ++i, arg);
          case "--rounds" -> rounds = Integer.parseInt(ScenarioMain.value(args, ++i, arg));
          case "--pairs" -> pairs = Integer.parseInt(ScenarioMain.value(args, ++i, arg));
          case "--slice" -> slice = ScenarioMain.duration(ScenarioMain.value(args, ++i, arg));
          case "--warm-up" -> warmUp = ScenarioMain.duration(ScenarioMain.value(args, ++i, arg));
          case "--concurrency" -> concurrency = Integer.parseInt(ScenarioMain.value(args, ++i, arg));
          case "--b-concurrency" -> bConcurrency = Integer.parseInt(ScenarioMain.value(args, ++i, arg));
          case "--work" -> workParent = Path.of(ScenarioMain.value(args, ++i, arg));
          case "--keep-work" -> keepWork = true;
          case "--settle" -> settle = ScenarioMain.duration(ScenarioMain.value(args, ++i, arg));
          default -> throw new IllegalArgumentException("unknown argument " + arg + "; options --a-opts OPTS --b-opts OPTS"
              + " --b-classpath CP --rounds 6 --pairs 2 --slice 15s --warm-up 20s --concurrency 32 --b-concurrency N"
              + " --work DIR --keep-work --settle 10m");
        }
      }
      if (pairs < 1 || rounds % pairs != 0) {
        throw new IllegalArgumentException("--rounds (" + rounds + ") must be a multiple of --pairs (" + pairs + ")");
      }
      List<String> aOptions = ScenarioMain.jvmOptions(aOpts);
      PairedComparison.Plan plan = new PairedComparison.Plan(load, rounds, slice, warmUp, concurrency,
          bConcurrency == null ? concurrency : bConcurrency);
      return new Arguments(plan, pairs, aOptions, bOptions(aOptions, bOpts), bClassPath, workParent, keepWork, settle);
    }

  }
}
