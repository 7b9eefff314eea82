package dev.lakegate.lake.local;

/**
 * A JVM of its own, started with the options under test: prints what it reports at once of how
 * bodies are hashed, one a line, then whether it has shared lanes at all ("lanes: true").
 */
final class SharedLanesProcess {
  private SharedLanesProcess() {}

  public static void main(String[] args) {
    FileSystemLake.watchMidSizedMd5(System.out::println);
    System.out.println("lanes: " + BatchedMd5.shared().isPresent());
  }
}
