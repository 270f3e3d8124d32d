import { deadlineUrgency, deliverablesToMeet } from '.';

describe('deadlineUrgency', () => {
  const now = Date.parse('2027-06-01T02:00:00.000Z');
  const after = (hours: number) => new Date(now + hours * 3600_000).toISOString();

  it('is red under a day, amber under three days, neutral beyond', () => {
    expect(deadlineUrgency(after(1), now)).toBe('urgent');
    expect(deadlineUrgency(after(23.9), now)).toBe('urgent');
    expect(deadlineUrgency(after(24), now)).toBe('soon');
    expect(deadlineUrgency(after(71.9), now)).toBe('soon');
    expect(deadlineUrgency(after(72), now)).toBe('later');
    // The case of the issue: half a year ahead is no alarm.
    expect(deadlineUrgency(after(184 * 24), now)).toBe('later');
  });

  it('is past once due, and for an unreadable instant', () => {
    expect(deadlineUrgency(after(0), now)).toBe('past');
    expect(deadlineUrgency(after(-5), now)).toBe('past');
    expect(deadlineUrgency('not a date', now)).toBe('past');
  });
});

describe('deliverablesToMeet', () => {
  const deliverables = [
    { id: 'a', kind: 'liaison_form' as const },
    { id: 'b', kind: 'unit_plan' as const },
    { id: 'c', kind: 'summary_report' as const },
  ];

  it('leaves the liaison form to those who fill it', () => {
    expect(deliverablesToMeet(deliverables, false).map((d) => d.id)).toEqual(['b', 'c']);
    expect(deliverablesToMeet(deliverables, true).map((d) => d.id)).toEqual(['a', 'b', 'c']);
  });
});
