/** JMH micro-benchmarks of the hot paths: token signing and verification, presigning, metadata mapping and request rules. */
@NullMarked
package dev.lakegate.bench.micro;

import org.jspecify.annotations.NullMarked;
