import { rootFontSize } from './rootFontSize';

describe('rootFontSize', () => {
  it('scales with the shorter side of the screen between 20 and 24 px', () => {
    expect(rootFontSize(375, 812)).toBe(20);
    expect(rootFontSize(414, 896)).toBeCloseTo(22.08);
    expect(rootFontSize(1280, 900)).toBe(24);
    expect(rootFontSize(320, 568)).toBe(20);
    expect(rootFontSize(0, 0)).toBe(20);
  });
});
