/**
 * The random source behind Crypto.getRandomInteger/getRandomLong and Math.random-like needs: a seeded 64-bit
 * generator (SplitMix64), shared by every transaction of one local org so values do not repeat between a test's
 * @TestSetup and its methods, and reproducible from run to run (the platform's values are cryptographically random;
 * code must not depend on particular values either way).
 */
export class SeededRandom {
  private state: bigint;

  constructor(seed: bigint = 0x5eed_c0de_2026n) {
    this.state = BigInt.asUintN(64, seed);
  }

  /** 64 random bits as a signed Long. */
  nextLong(): bigint {
    this.state = BigInt.asUintN(64, this.state + 0x9e3779b97f4a7c15n);
    let z = this.state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return BigInt.asIntN(64, z ^ (z >> 31n));
  }

  /** 32 random bits as a signed Integer. */
  nextInt(): number {
    return Number(BigInt.asIntN(32, this.nextLong()));
  }
}
