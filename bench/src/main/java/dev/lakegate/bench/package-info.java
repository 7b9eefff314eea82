/** Measurements of Lakegate: JMH micro-benchmarks, the loopback load harness, the raw limits each figure is compared with, and the scenarios of {@code docs/benchmarks.md}. */
@NullMarked
package dev.lakegate.bench;

import org.jspecify.annotations.NullMarked;
