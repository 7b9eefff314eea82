package dev.lakegate.lake.local;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * MD5 (RFC 1321) of several messages at once, one per lane of the widest integer vector the CPU
 * has (16 with AVX-512, 8 with AVX2): every step of the algorithm is one vector operation for all
 * the messages. MD5 is sequential within a message, so one message cannot go faster than the
 * JDK's scalar intrinsic; many messages side by side can, five times over with 16 lanes.
 * Written by hand because neither the JDK nor a maintained Java library hashes messages side by
 * side. Messages are laid out in an {@code int[]} by {@link #pad}, already padded, as
 * little-endian words; the caller keeps them apart with a base index per lane. This class touches
 * the incubating {@code jdk.incubator.vector} module: load it only where {@link BatchedMd5} found
 * that module.
 */
final class Md5Lanes {
  static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
  /** Messages hashed at once. */
  static final int LANES = SPECIES.length();

  private static final int[] K = new int[64];
  private static final int[] SHIFT = {
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
    5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21
  };
  private static final int[] INITIAL = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};

  static {
    // RFC 1321 §3.4: K[i] is the integer part of 2^32 × |sin(i + 1)|.
    for (int i = 0; i < 64; i++) {
      K[i] = (int) (long) Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296.0);
    }
  }

  private Md5Lanes() {}

  /** The 64-byte blocks of a message of {@code length} bytes once padded. */
  static int blocks(long length) {
    return (int) ((length + 8) / 64 + 1);
  }

  /**
   * Writes {@code length} bytes of {@code message} (from its position, which is left as it was)
   * and MD5's padding to {@code words} from {@code base}, as the {@code 16 × blocks(length)}
   * little-endian words {@link #digest} reads.
   */
  static void pad(ByteBuffer message, int length, int[] words, int base) {
    ByteBuffer bytes = message.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int whole = length / 4;
    bytes.asIntBuffer().get(words, base, whole);
    int last = 0;
    int start = bytes.position() + whole * 4;
    for (int i = 0; i < length % 4; i++) {
      last |= (bytes.get(start + i) & 0xff) << (8 * i);
    }
    last |= 0x80 << (8 * (length % 4));
    int end = base + 16 * blocks(length);
    words[base + whole] = last;
    Arrays.fill(words, base + whole + 1, end - 2, 0);
    long bits = 8L * length;
    words[end - 2] = (int) bits;
    words[end - 1] = (int) (bits >>> 32);
  }

  /**
   * The MD5 digests of the {@code count} messages that {@link #pad} wrote to {@code words}, the
   * one of lane {@code j} from {@code base[j]}, {@code blocks[j]} blocks long.
   *
   * @param base at least {@link #LANES} entries; those from {@code count} on are ignored
   * @param blocks as many entries as {@code base}
   */
  static byte[][] digest(int[] words, int[] base, int[] blocks, int count) {
    // Every lane is read at every block, for the gathers to stay unmasked (masked ones made the
    // whole method several times slower): unused lanes and lanes whose message has ended read
    // words below 16 × longest, which the array holds, and each message's state is taken out when
    // its last block is done.
    int[] lanes = new int[LANES];
    System.arraycopy(base, 0, lanes, 0, count);
    int longest = 0;
    for (int j = 0; j < count; j++) {
      longest = Math.max(longest, blocks[j]);
    }
    int[][] state = new int[count][];
    int[] snapshot = new int[4 * LANES];
    IntVector a = IntVector.broadcast(SPECIES, INITIAL[0]);
    IntVector b = IntVector.broadcast(SPECIES, INITIAL[1]);
    IntVector c = IntVector.broadcast(SPECIES, INITIAL[2]);
    IntVector d = IntVector.broadcast(SPECIES, INITIAL[3]);
    // The block's 16 words, lane by lane: an array of vectors would hold them boxed, one allocation
    // per word and block, which also made the compiled code fall back to several times slower.
    int[] m = new int[16 * LANES];
    // From one message's end to the next, the blocks run in a loop with no branch in it: one made
    // the compiled loop several times slower.
    for (int from = 0, to = nextEnd(blocks, count, 0); from < longest; from = to, to = nextEnd(blocks, count, to)) {
      for (int block = from; block < to; block++) {
        // Gathered word by word. Copying each message's 16 words with plain loads instead measured 12 %
        // slower on full batches; it only won where a caller's compilation left these gathers boxed.
        for (int w = 0; w < 16; w++) {
          IntVector.fromArray(SPECIES, words, 16 * block + w, lanes, 0).intoArray(m, w * LANES);
        }
        IntVector aa = a;
        IntVector bb = b;
        IntVector cc = c;
        IntVector dd = d;
        // RFC 1321 §3.4, the four rounds of 16 steps; each step ends in the rotation a, b, c, d := d, t, b, c.
        for (int i = 0; i < 16; i++) {
          // F = (b & c) | (~b & d), as d ^ (b & (c ^ d)).
          IntVector f = d.lanewise(VectorOperators.XOR, b.lanewise(VectorOperators.AND, c.lanewise(VectorOperators.XOR, d)));
          IntVector t = step(a, b, f, word(m, i), i);
          a = d;
          d = c;
          c = b;
          b = t;
        }
        for (int i = 16; i < 32; i++) {
          // G = (b & d) | (c & ~d), as c ^ (d & (b ^ c)).
          IntVector g = c.lanewise(VectorOperators.XOR, d.lanewise(VectorOperators.AND, b.lanewise(VectorOperators.XOR, c)));
          IntVector t = step(a, b, g, word(m, (5 * i + 1) & 15), i);
          a = d;
          d = c;
          c = b;
          b = t;
        }
        for (int i = 32; i < 48; i++) {
          IntVector h = b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.XOR, d);
          IntVector t = step(a, b, h, word(m, (3 * i + 5) & 15), i);
          a = d;
          d = c;
          c = b;
          b = t;
        }
        for (int i = 48; i < 64; i++) {
          IntVector k = c.lanewise(VectorOperators.XOR, b.lanewise(VectorOperators.OR, d.lanewise(VectorOperators.NOT)));
          IntVector t = step(a, b, k, word(m, (7 * i) & 15), i);
          a = d;
          d = c;
          c = b;
          b = t;
        }
        a = aa.add(a);
        b = bb.add(b);
        c = cc.add(c);
        d = dd.add(d);
      }
      // Stored whole and read back: taking single lanes out of the vectors is slow.
      a.intoArray(snapshot, 0);
      b.intoArray(snapshot, LANES);
      c.intoArray(snapshot, 2 * LANES);
      d.intoArray(snapshot, 3 * LANES);
      for (int j = 0; j < count; j++) {
        if (blocks[j] == to) {
          state[j] = new int[] {snapshot[j], snapshot[LANES + j], snapshot[2 * LANES + j], snapshot[3 * LANES + j]};
          lanes[j] = -16 * to;
        }
      }
    }
    byte[][] digests = new byte[count][];
    for (int j = 0; j < count; j++) {
      ByteBuffer digest = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      for (int word : state[j]) {
        digest.putInt(word);
      }
      digests[j] = digest.array();
    }
    return digests;
  }

  /** The fewest blocks of a message longer than {@code after} blocks; {@code MAX_VALUE} when none is. */
  private static int nextEnd(int[] blocks, int count, int after) {
    int next = Integer.MAX_VALUE;
    for (int j = 0; j < count; j++) {
      if (blocks[j] > after) {
        next = Math.min(next, blocks[j]);
      }
    }
    return next;
  }

  /** Word {@code w} of the current block in every lane. */
  private static IntVector word(int[] m, int w) {
    return IntVector.fromArray(SPECIES, m, w * LANES);
  }

  private static IntVector step(IntVector a, IntVector b, IntVector mixed, IntVector word, int i) {
    return a.add(mixed).add(K[i]).add(word).lanewise(VectorOperators.ROL, SHIFT[i]).add(b);
  }
}
