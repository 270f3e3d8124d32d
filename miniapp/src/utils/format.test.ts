import { chinaToIso, isoToChina } from './format';

describe('China time', () => {
  it('turns a China date and time into an instant and back', () => {
    const iso = chinaToIso('2026-06-16', '09:30');
    expect(iso).toBe('2026-06-16T01:30:00.000Z');
    expect(isoToChina(iso ?? '')).toEqual({ date: '2026-06-16', time: '09:30' });
    expect(chinaToIso('2026-06-16', '')).toBeUndefined();
  });
});
