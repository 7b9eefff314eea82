/**
 * The configuration file of {@code contract.md} §1: the module's {@code api:} section, the
 * standalone server's {@code standalone:} section, their loading and validation.
 */
@NullMarked
package dev.lakegate.core.config;

import org.jspecify.annotations.NullMarked;
