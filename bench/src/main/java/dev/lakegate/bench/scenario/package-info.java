/** The benchmark scenarios of {@code docs/benchmarks.md}: each drives a real server through the load harness and measures its limit beside it. */
@NullMarked
package dev.lakegate.bench.scenario;

import org.jspecify.annotations.NullMarked;
