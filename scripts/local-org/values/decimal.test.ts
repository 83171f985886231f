import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from './decimal.ts';

const d = (s: string): Decimal => Decimal.parse(s) as Decimal;

// Apex Decimal is an arbitrary-precision number that keeps its scale (Apex Reference Guide, "Decimal Class":
// scale(), setScale(), stripTrailingZeros(), toPlainString()).
describe('Decimal (bigint + scale)', () => {
  it('keeps the scale of literals and sums', () => {
    assert.equal(d('1.50').toString(), '1.50');
    assert.equal(d('1.50').add(d('2.5')).toString(), '4.00');
    assert.equal(d('1.5').multiply(d('1.5')).toString(), '2.25');
    assert.equal(d('0.1').add(d('0.2')).toString(), '0.3');
  });

  it('divides to 34 significant digits, reducing exact quotients towards the preferred scale', () => {
    assert.equal(d('1').divide(d('3')).toString(), '0.3333333333333333333333333333333333');
    assert.equal(d('10').divide(d('4')).toString(), '2.5');
    assert.equal(d('6.0').divide(d('2')).toString(), '3.0');
    assert.equal(d('2').divide(d('3')).toString(), '0.6666666666666666666666666666666667');
  });

  // setScale uses half-up by default; round() uses half-even (Apex Reference Guide, Decimal Class).
  it('rounds with the requested mode', () => {
    assert.equal(d('2.345').setScale(2).toString(), '2.35');
    assert.equal(d('-2.345').setScale(2).toString(), '-2.35');
    assert.equal(d('2.5').setScale(0, 'HALF_EVEN').toString(), '2');
    assert.equal(d('3.5').setScale(0, 'HALF_EVEN').toString(), '4');
    assert.equal(d('2.9').setScale(0, 'DOWN').toString(), '2');
    assert.equal(d('1.2').setScale(3).toString(), '1.200');
  });

  it('formats like Java BigDecimal (toString / toPlainString)', () => {
    assert.equal(d('0.0000001').toString(), '1E-7');
    assert.equal(d('0.0000001').toPlainString(), '0.0000001');
    assert.equal(d('100').stripTrailingZeros().toString(), '1E+2');
    assert.equal(d('100').stripTrailingZeros().toPlainString(), '100');
    assert.equal(Decimal.fromNumber(0.1).toString(), '0.1');
  });

  it('compares by value regardless of scale', () => {
    assert.equal(d('1.0').compareTo(d('1.00')), 0);
    assert.equal(d('-1').compareTo(d('0.5')), -1);
  });
});
