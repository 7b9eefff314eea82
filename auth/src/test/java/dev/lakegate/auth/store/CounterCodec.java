package dev.lakegate.auth.store;

import java.nio.charset.StandardCharsets;

/** A test state file holding one decimal number. */
final class CounterCodec implements StateFile.Codec<Integer> {
  private final String name;

  CounterCodec(String name) {
    this.name = name;
  }

  @Override
  public Integer empty() {
    return 0;
  }

  @Override
  public Integer decode(byte[] bytes) {
    try {
      return Integer.valueOf(new String(bytes, StandardCharsets.US_ASCII).strip());
    } catch (NumberFormatException e) {
      throw new AuthStateException(name + " is damaged");
    }
  }

  @Override
  public byte[] encode(Integer value) {
    return value.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
