/**
 * Apex Decimal: an arbitrary-precision signed decimal number that keeps its scale (digits after the point), like
 * Java's BigDecimal on which the platform's Decimal is modelled. Value = unscaled × 10^-scale.
 */
export type RoundingMode = 'UP' | 'DOWN' | 'CEILING' | 'FLOOR' | 'HALF_UP' | 'HALF_DOWN' | 'HALF_EVEN' | 'UNNECESSARY';

const TEN = 10n;
const pow10 = (n: number): bigint => TEN ** BigInt(n);
const abs = (n: bigint): bigint => (n < 0n ? -n : n);

/** Thrown by Decimal operations that the platform reports as a System.MathException. */
export class DecimalArithmeticError extends Error {}

export class Decimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number
  ) {}

  static fromBigInt(n: bigint): Decimal {
    return new Decimal(n, 0);
  }

  /** Parses '12', '-1.50', '1e3', '1.2E-5'. Returns undefined when the text is not a number. */
  static parse(text: string): Decimal | undefined {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
      return undefined;
    }
    const intPart = m[2] ?? '';
    const frac = m[3] ?? '';
    const exp = m[4] ? parseInt(m[4], 10) : 0;
    const digits = BigInt(`${intPart}${frac}` || '0');
    return new Decimal(m[1] === '-' ? -digits : digits, frac.length - exp);
  }

  /** A Double converted the way the platform does: from its shortest decimal representation. */
  static fromNumber(n: number): Decimal {
    if (!Number.isFinite(n)) {
      throw new DecimalArithmeticError(`Cannot convert ${n} to Decimal`);
    }
    return Decimal.parse(n.toString()) as Decimal;
  }

  signum(): number {
    return this.unscaled === 0n ? 0 : this.unscaled < 0n ? -1 : 1;
  }

  /** Number of significant digits of the unscaled value (precision() in Apex). */
  precision(): number {
    return abs(this.unscaled).toString().length;
  }

  private static align(a: Decimal, b: Decimal): [bigint, bigint, number] {
    const scale = Math.max(a.scale, b.scale);
    return [a.unscaled * pow10(scale - a.scale), b.unscaled * pow10(scale - b.scale), scale];
  }

  add(o: Decimal): Decimal {
    const [x, y, scale] = Decimal.align(this, o);
    return new Decimal(x + y, scale);
  }

  subtract(o: Decimal): Decimal {
    const [x, y, scale] = Decimal.align(this, o);
    return new Decimal(x - y, scale);
  }

  multiply(o: Decimal): Decimal {
    return new Decimal(this.unscaled * o.unscaled, this.scale + o.scale);
  }

  negate(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }

  compareTo(o: Decimal): number {
    const [x, y] = Decimal.align(this, o);
    return x === y ? 0 : x < y ? -1 : 1;
  }

  /**
   * Division as Java's BigDecimal.divide(divisor, MathContext.DECIMAL128): 34 significant digits, HALF_EVEN, and
   * an exact quotient reduced towards the preferred scale (this.scale - divisor.scale).
   */
  divide(o: Decimal, precision = 34): Decimal {
    if (o.unscaled === 0n) {
      throw new DecimalArithmeticError('Divide by 0');
    }
    const preferred = this.scale - o.scale;
    if (this.unscaled === 0n) {
      return new Decimal(0n, Math.max(preferred, 0));
    }
    // Scale the dividend so the quotient has at least `precision + 3` digits, then round to `precision` digits.
    const extra = precision + 3 + o.precision() - this.precision();
    const shift = Math.max(extra, 0);
    const num = this.unscaled * pow10(shift);
    const q = num / o.unscaled;
    const exact = q * o.unscaled === num;
    let result = new Decimal(q, this.scale + shift - o.scale);
    if (!exact) {
      // Sticky bit so rounding sees a remainder beyond the kept digits.
      result = new Decimal(q * TEN + (q < 0n ? -1n : 1n), result.scale + 1);
    }
    result = result.roundToPrecision(precision, 'HALF_EVEN');
    if (exact) {
      result = result.stripTo(preferred);
    }
    return result;
  }

  /** Removes trailing zeros while the scale stays ≥ `minScale`. */
  private stripTo(minScale: number): Decimal {
    let { unscaled, scale } = this;
    while (scale > minScale && unscaled !== 0n && unscaled % TEN === 0n) {
      unscaled /= TEN;
      scale--;
    }
    if (unscaled === 0n) {
      return new Decimal(0n, Math.max(minScale, 0));
    }
    return new Decimal(unscaled, scale);
  }

  stripTrailingZeros(): Decimal {
    if (this.unscaled === 0n) {
      return new Decimal(0n, 0);
    }
    return this.stripTo(-Infinity);
  }

  private roundToPrecision(precision: number, mode: RoundingMode): Decimal {
    const drop = this.precision() - precision;
    return drop > 0 ? this.setScale(this.scale - drop, mode) : this;
  }

  setScale(newScale: number, mode: RoundingMode = 'HALF_UP'): Decimal {
    if (newScale >= this.scale) {
      return new Decimal(this.unscaled * pow10(newScale - this.scale), newScale);
    }
    const divisor = pow10(this.scale - newScale);
    const q = this.unscaled / divisor;
    const r = this.unscaled % divisor;
    if (r === 0n) {
      return new Decimal(q, newScale);
    }
    const sign = this.unscaled < 0n ? -1n : 1n;
    const twice = abs(r) * 2n;
    let away: boolean;
    switch (mode) {
      case 'UP':
        away = true;
        break;
      case 'DOWN':
        away = false;
        break;
      case 'CEILING':
        away = sign > 0n;
        break;
      case 'FLOOR':
        away = sign < 0n;
        break;
      case 'HALF_UP':
        away = twice >= divisor;
        break;
      case 'HALF_DOWN':
        away = twice > divisor;
        break;
      case 'HALF_EVEN':
        away = twice > divisor || (twice === divisor && abs(q) % 2n === 1n);
        break;
      case 'UNNECESSARY':
        throw new DecimalArithmeticError('Rounding necessary');
    }
    return new Decimal(away ? q + sign : q, newScale);
  }

  /** Truncates towards zero (intValue/longValue). */
  toBigInt(): bigint {
    return this.scale <= 0 ? this.unscaled * pow10(-this.scale) : this.unscaled / pow10(this.scale);
  }

  toNumber(): number {
    return Number(this.toPlainString());
  }

  toPlainString(): string {
    if (this.scale <= 0) {
      return (this.unscaled * pow10(-this.scale)).toString();
    }
    const negative = this.unscaled < 0n;
    const digits = abs(this.unscaled)
      .toString()
      .padStart(this.scale + 1, '0');
    const point = digits.length - this.scale;
    return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
  }

  /** Java BigDecimal.toString(): scientific notation when the scale is negative or the exponent is below -6. */
  toString(): string {
    const digits = abs(this.unscaled).toString();
    const adjusted = -this.scale + (digits.length - 1);
    if (this.scale >= 0 && adjusted >= -6) {
      return this.toPlainString();
    }
    const sign = this.unscaled < 0n ? '-' : '';
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }
}
