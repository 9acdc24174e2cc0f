import { molarMassValue } from './format.js';

describe('molarMassValue', () => {
  it('quotes two decimals, rounding half up on the decimal value', () => {
    expect(molarMassValue(157.7574)).toBe('157.76');
    expect(molarMassValue(97.873)).toBe('97.87');
    expect(molarMassValue(58.44)).toBe('58.44');
    // 1.005 and 2.675 are stored just below the half (toFixed(2) gives 1.00 and 2.67).
    expect(molarMassValue(1.005)).toBe('1.01');
    expect(molarMassValue(2.675)).toBe('2.68');
    expect(molarMassValue(249.685)).toBe('249.69');
  });
});
