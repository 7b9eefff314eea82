@NullMarked
package dev.lakegate.cli;

import org.jspecify.annotations.NullMarked;
