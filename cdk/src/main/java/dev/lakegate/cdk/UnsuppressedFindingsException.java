package dev.lakegate.cdk;

import java.util.List;

/** A synthesis whose rule packs reported findings that no exemption covers; nothing is deployed from it. */
public final class UnsuppressedFindingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> findings;

  public UnsuppressedFindingsException(List<String> findings) {
    super(findings.size() + " unsuppressed rule pack finding(s):\n" + String.join("\n", findings));
    this.findings = List.copyOf(findings);
  }

  public List<String> findings() {
    return findings;
  }
}
