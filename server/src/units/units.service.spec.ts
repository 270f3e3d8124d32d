import { isAtOrBelow } from './units.service';

describe('isAtOrBelow', () => {
  const path = '/root-1/county-2/school-3/';

  it('holds for the unit itself and every unit above it', () => {
    expect(['root-1', 'county-2', 'school-3'].map((id) => isAtOrBelow(path, id))).toEqual([true, true, true]);
  });

  it('does not hold for other units, even ones whose id a path id begins or ends with', () => {
    expect(['county-9', 'root', 'ounty-2', 'school-3/'].map((id) => isAtOrBelow(path, id))).toEqual([false, false, false, false]);
  });
});
