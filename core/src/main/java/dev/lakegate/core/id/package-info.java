/** Identifiers the system makes: random version 4 UUIDs for requests, objects and tokens. */
@NullMarked
package dev.lakegate.core.id;

import org.jspecify.annotations.NullMarked;
