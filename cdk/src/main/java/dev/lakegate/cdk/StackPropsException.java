package dev.lakegate.cdk;

import java.util.List;

/**
 * Stack properties that cannot produce a valid deployment. Thrown before any resource is
 * created; carries every problem found, one sentence each.
 */
public final class StackPropsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public StackPropsException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one sentence each. */
  public List<String> problems() {
    return problems;
  }
}
