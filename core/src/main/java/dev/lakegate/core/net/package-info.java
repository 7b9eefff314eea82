@NullMarked
package dev.lakegate.core.net;

import org.jspecify.annotations.NullMarked;
