package dev.lakegate.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one file while it is parsed and validated, so that all of them are
 * reported together instead of stopping at the first ({@code contract.md} §1).
 */
final class Problems {
  private final String file;
  private final List<ConfigProblem> found = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  void add(int line, KeyPath path, String message) {
    found.add(new ConfigProblem(file, line, path.text(), message));
  }

  boolean any() {
    return !found.isEmpty();
  }

  /** Throws the collected problems, sorted by line (stable, so same-line problems keep their order). */
  void throwIfAny() {
    if (any()) {
      List<ConfigProblem> sorted = new ArrayList<>(found);
      sorted.sort(Comparator.comparingInt(ConfigProblem::line));
      throw new ConfigException(sorted);
    }
  }
}
