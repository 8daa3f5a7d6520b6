package com.diffusionlab.engine.noise;

/**
 * The 32-bit Mersenne Twister as torch's CPU generator runs it: the standard MT19937 recurrence,
 * tempering and initialisation, seeded with the low 32 bits of torch's 64-bit seed.
 */
final class Mt19937 {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908B0DF;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7FFFFFFF;

  private final int[] state = new int[N];
  private int index;

  Mt19937(long seed) {
    state[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** The next 32 random bits. */
  int next() {
    if (index == N) {
      twist();
    }
    int y = state[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9D2C5680;
    y ^= (y << 15) & 0xEFC60000;
    return y ^ (y >>> 18);
  }

  private void twist() {
    for (int i = 0; i < N; i++) {
      int y = (state[i] & UPPER_MASK) | (state[(i + 1) % N] & LOWER_MASK);
      int mixed = state[(i + M) % N] ^ (y >>> 1);
      state[i] = (y & 1) == 0 ? mixed : mixed ^ MATRIX_A;
    }
    index = 0;
  }
}
