/**
 * The {@link dev.lakegate.core.lake.Lake} port: what the upload operations need of an object store,
 * implemented by the filesystem lake and by S3.
 */
@NullMarked
package dev.lakegate.core.lake;

import org.jspecify.annotations.NullMarked;
