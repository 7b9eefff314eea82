package dev.lakegate.cdk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names of the deployed resources: {@code {org}-{env}-{domain}-{module}-{suffix}}, from the
 * synthesis context ({@code contract.md} §9). A name longer than the service allows keeps its
 * suffix and is shortened with a hash of the full name, so it stays unique and stable.
 */
public record ResourceNames(String org, String env, String domain, String moduleName) {

  /** The context keys the names come from, in the order they appear in a name. */
  public static final List<String> CONTEXT_KEYS = List.of("org", "env", "domain", "module_name");

  private static final Pattern PART = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final int HASH_CHARS = 8;

  /** Checks every part; use {@link #fromContext} for a message that names the context key. */
  public ResourceNames {
    List<String> problems = problems(Map.of("org", org, "env", env, "domain", domain, "module_name", moduleName));
    if (!problems.isEmpty()) {
      throw new StackPropsException(problems);
    }
  }

  /**
   * Names from a context map ({@code org}, {@code env}, {@code domain}, {@code module_name}).
   *
   * @throws StackPropsException naming every key that is missing or malformed
   */
  public static ResourceNames fromContext(Map<String, String> context) {
    List<String> problems = new ArrayList<>();
    for (String key : CONTEXT_KEYS) {
      if (!context.containsKey(key) || context.get(key).isBlank()) {
        problems.add("context " + key + " is required (--context " + key + "=...)");
      }
    }
    if (!problems.isEmpty()) {
      throw new StackPropsException(problems);
    }
    return new ResourceNames(
        context.getOrDefault("org", ""), context.getOrDefault("env", ""),
        context.getOrDefault("domain", ""), context.getOrDefault("module_name", ""));
  }

  private static List<String> problems(Map<String, String> parts) {
    List<String> problems = new ArrayList<>();
    for (String key : CONTEXT_KEYS) {
      String value = parts.get(key);
      if (!PART.matcher(value).matches()) {
        problems.add("context " + key + " \"" + value + "\" must be lower-case letters and digits, words joined by single hyphens");
      }
    }
    return problems;
  }

  /** {@code {org}-{env}-{domain}-{module}}. */
  public String base() {
    return org + "-" + env + "-" + domain + "-" + moduleName;
  }

  /**
   * {@code {base}-{suffix}}, at most {@code maxLength} characters: when too long, the base is cut
   * and a hash of the full name inserted before the suffix.
   */
  public String name(String suffix, int maxLength) {
    String full = base() + "-" + suffix;
    if (full.length() <= maxLength) {
      return full;
    }
    int keep = maxLength - suffix.length() - HASH_CHARS - 2;
    if (keep < 1) {
      throw new IllegalArgumentException("suffix \"" + suffix + "\" does not fit in " + maxLength + " characters");
    }
    String cut = base().substring(0, keep).replaceAll("-+$", "");
    return cut + "-" + hash(full) + "-" + suffix;
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
