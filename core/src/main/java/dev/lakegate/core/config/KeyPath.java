package dev.lakegate.core.config;

import java.util.regex.Pattern;

/**
 * The path of a key in the file, as shown in problems: {@code api.allowedCidrs[1]}, {@code
 * api.appClients["partner one"].accessTokenValidityMinutes}. Names that are not plain words are
 * quoted so the path stays readable.
 */
record KeyPath(String text) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

  static final KeyPath ROOT = new KeyPath("");

  KeyPath key(String name) {
    if (!PLAIN.matcher(name).matches()) {
      return new KeyPath(text + "[\"" + name.replace("\"", "\\\"") + "\"]");
    }
    return new KeyPath(text.isEmpty() ? name : text + "." + name);
  }

  KeyPath index(int index) {
    return new KeyPath(text + "[" + index + "]");
  }

  @Override
  public String toString() {
    return text;
  }
}
