/** The HTTP endpoints mounted in Javalin: token, discovery, upload API, lake, health; and the one JSON error shape. */
@NullMarked
package dev.lakegate.server.http;

import org.jspecify.annotations.NullMarked;
