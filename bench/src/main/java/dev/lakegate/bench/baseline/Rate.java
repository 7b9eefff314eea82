package dev.lakegate.bench.baseline;

import java.util.Locale;
import java.util.Objects;

/** One measured rate: {@code perSecond} units (signatures, files, bytes) per second. */
public record Rate(String name, double perSecond, String unit) {

  public Rate {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be a finite number >= 0, got " + perSecond);
    }
  }

  /** The rate in MiB/s, for rates counted in bytes. */
  public double mibPerSecond() {
    return perSecond / (1024.0 * 1024.0);
  }

  /** One line for a terminal: name and rate, bytes shown as MiB/s. */
  public String summary() {
    return "bytes".equals(unit)
        ? String.format(Locale.ROOT, "%-28s %10.1f MiB/s", name, mibPerSecond())
        : String.format(Locale.ROOT, "%-28s %10.1f %s/s", name, perSecond, unit);
  }
}
