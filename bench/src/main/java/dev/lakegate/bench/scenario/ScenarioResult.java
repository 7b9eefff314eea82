package dev.lakegate.bench.scenario;

import dev.lakegate.bench.baseline.Rate;
import dev.lakegate.bench.load.LoadReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything one scenario measured in one run: the loads against the server, the limits measured
 * beside them, the ratios between the two, and plain notes (peak memory, what was not available).
 */
public record ScenarioResult(String scenario, List<LoadReport> loads, List<Rate> limits, List<Ratio> ratios, List<String> notes) {

  public ScenarioResult {
    Objects.requireNonNull(scenario, "scenario");
    loads = List.copyOf(loads);
    limits = List.copyOf(limits);
    ratios = List.copyOf(ratios);
    notes = List.copyOf(notes);
  }

  /** The load of that name; a scenario asking for one it did not run is a bug. */
  public LoadReport load(String name) {
    return loads.stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no load named " + name + " in " + scenario));
  }

  /** The lines printed after a scenario. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("== " + scenario);
    loads.forEach(l -> lines.add("  load   " + l.summary()));
    limits.forEach(r -> lines.add("  limit  " + r.summary()));
    ratios.forEach(r -> lines.add("  ratio  " + r.summary()));
    notes.forEach(n -> lines.add("  note   " + n));
    return lines;
  }
}
