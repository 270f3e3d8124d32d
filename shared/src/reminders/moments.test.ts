import { deadlineInstances } from '../deadlines';
import { reminderMoments } from './moments';
import { defaultReminderPolicy, type ReminderPolicy } from './policy';

/** A China wall-clock time `YYYY-MM-DD HH:mm` as an ISO instant. */
const china = (text: string) => new Date(`${text.replace(' ', 'T')}:00+08:00`).toISOString();
const policy = (changes: Partial<ReminderPolicy>): ReminderPolicy => ({ ...defaultReminderPolicy(), ...changes });
const noQuiet = (changes: Partial<ReminderPolicy> = {}) => policy({ quietHours: null, ...changes });
/** The moments as `name @ China time`, for readable expectations. */
const at = (dueAt: string, p: ReminderPolicy) =>
  reminderMoments(dueAt, p).map(({ moment, at: instant }) => `${moment} @ ${new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}`);

// The weekly materials due Wednesday 2027-06-09 24:00 China time (a date without a time).
const [WEEK] = deadlineInstances({ kind: 'weekly', weekday: 3, from: '2027-06-07', until: '2027-06-13' });

describe('reminderMoments', () => {
  it('puts each offset before the due instant, the overdue notice and the digest after it, in time order', () => {
    expect(WEEK.dueAt).toBe(china('2027-06-10 00:00'));
    expect(at(WEEK.dueAt, noQuiet({ offsetsBeforeMinutes: [120, 1440] }))).toEqual([
      'before:1440 @ 2027-06-09 00:00',
      'before:120 @ 2027-06-09 22:00',
      'overdue @ 2027-06-10 09:00',
      'escalation @ 2027-06-10 09:00',
    ]);
  });

  it('applies the default policy to a deadline at 24:00: the day-before reminder waits for 08:00, the late one goes before 22:00', () => {
    expect(at(WEEK.dueAt, defaultReminderPolicy())).toEqual([
      'before:1440 @ 2027-06-09 08:00',
      'before:120 @ 2027-06-09 21:59',
      'overdue @ 2027-06-10 09:00',
      'escalation @ 2027-06-10 09:00',
    ]);
  });

  it('leaves reminders outside quiet hours where they are, the boundaries counted as the period [from, to)', () => {
    const due = china('2027-06-09 18:00');
    expect(at(due, policy({ offsetsBeforeMinutes: [1440, 120], overdueAt: null, escalation: false }))).toEqual([
      'before:1440 @ 2027-06-08 18:00',
      'before:120 @ 2027-06-09 16:00',
    ]);
    // 22:00 itself is quiet (moved before it), 08:00 itself is not.
    expect(at(china('2027-06-10 07:00'), policy({ offsetsBeforeMinutes: [540], overdueAt: null, escalation: false }))).toEqual(['before:540 @ 2027-06-09 21:59']);
    expect(at(china('2027-06-10 12:00'), policy({ offsetsBeforeMinutes: [240], overdueAt: null, escalation: false }))).toEqual(['before:240 @ 2027-06-10 08:00']);
  });

  it('moves a reminder in the morning part of quiet hours spanning midnight to their end', () => {
    expect(at(china('2027-06-09 10:00'), policy({ offsetsBeforeMinutes: [240], overdueAt: null, escalation: false }))).toEqual(['before:240 @ 2027-06-09 08:00']);
  });

  it('moves a reminder in the evening part of quiet hours spanning midnight to their end on the next day when the deadline is later', () => {
    expect(at(china('2027-06-10 18:00'), policy({ offsetsBeforeMinutes: [1200], overdueAt: null, escalation: false }))).toEqual(['before:1200 @ 2027-06-10 08:00']);
  });

  it('sends a reminder earlier, the last minute before quiet hours began, when the deadline comes before they end', () => {
    // Due 07:00, inside the quiet hours of 22:00–08:00: an hour before is 06:00, quiet until after the deadline.
    expect(at(china('2027-06-10 07:00'), policy({ offsetsBeforeMinutes: [1440, 60], overdueAt: null, escalation: false }))).toEqual([
      'before:1440 @ 2027-06-09 08:00',
      'before:60 @ 2027-06-09 21:59',
    ]);
    // Quiet hours ending exactly at the deadline: a reminder at the deadline is no use either.
    expect(at(china('2027-06-10 08:00'), policy({ offsetsBeforeMinutes: [60], overdueAt: null, escalation: false }))).toEqual(['before:60 @ 2027-06-09 21:59']);
  });

  it('handles quiet hours within one day the same way', () => {
    const lunch = { from: '12:00', to: '14:00' };
    expect(at(china('2027-06-09 15:00'), policy({ quietHours: lunch, offsetsBeforeMinutes: [120], overdueAt: null, escalation: false }))).toEqual(['before:120 @ 2027-06-09 14:00']);
    expect(at(china('2027-06-09 13:30'), policy({ quietHours: lunch, offsetsBeforeMinutes: [60], overdueAt: null, escalation: false }))).toEqual(['before:60 @ 2027-06-09 11:59']);
    expect(at(china('2027-06-09 23:00'), policy({ quietHours: lunch, offsetsBeforeMinutes: [600], overdueAt: null, escalation: false }))).toEqual(['before:600 @ 2027-06-09 14:00']);
  });

  it('keeps one reminder of those that land on the same instant after moving, named by the earliest planned', () => {
    // 00:00 and 01:00 wait for 08:00, where the 08:00 one already is.
    expect(at(china('2027-06-09 12:00'), policy({ offsetsBeforeMinutes: [240, 660, 720], overdueAt: null, escalation: false }))).toEqual(['before:720 @ 2027-06-09 08:00']);
    // 22:30 and 22:59 go back to 21:59, where the 21:59 one already is.
    expect(at(china('2027-06-09 23:00'), policy({ offsetsBeforeMinutes: [1, 30, 61], overdueAt: null, escalation: false }))).toEqual(['before:61 @ 2027-06-09 21:59']);
  });

  it('puts the overdue notice on the day after the deadline’s day, a deadline at 24:00 counting as its own day’s', () => {
    const overdue = (dueAt: string, nextDayAt: string) => at(dueAt, noQuiet({ offsetsBeforeMinutes: [], overdueAt: { nextDayAt }, escalation: false }));
    expect(overdue(WEEK.dueAt, '09:00')).toEqual(['overdue @ 2027-06-10 09:00']);
    expect(overdue(china('2027-06-09 18:00'), '09:00')).toEqual(['overdue @ 2027-06-10 09:00']);
    expect(overdue(china('2027-06-10 00:30'), '09:00')).toEqual(['overdue @ 2027-06-11 09:00']);
    expect(overdue(china('2027-06-30 18:00'), '08:30')).toEqual(['overdue @ 2027-07-01 08:30']);
  });

  it('puts the overdue notice minutes after the due instant, moved out of quiet hours to their end (no deadline to beat)', () => {
    const overdue = (dueAt: string, afterMinutes: number) => at(dueAt, policy({ offsetsBeforeMinutes: [], overdueAt: { afterMinutes }, escalation: true }));
    expect(overdue(china('2027-06-09 18:00'), 120)).toEqual(['overdue @ 2027-06-09 20:00', 'escalation @ 2027-06-09 20:00']);
    expect(overdue(WEEK.dueAt, 60)).toEqual(['overdue @ 2027-06-10 08:00', 'escalation @ 2027-06-10 08:00']);
    expect(at(WEEK.dueAt, policy({ offsetsBeforeMinutes: [], overdueAt: { nextDayAt: '07:00' }, escalation: false }))).toEqual(['overdue @ 2027-06-10 08:00']);
  });

  it('sends no overdue notice or digest when the policy says none', () => {
    expect(at(WEEK.dueAt, noQuiet({ offsetsBeforeMinutes: [60], overdueAt: { afterMinutes: 30 }, escalation: false }))).toEqual(['before:60 @ 2027-06-09 23:00', 'overdue @ 2027-06-10 00:30']);
    expect(at(WEEK.dueAt, noQuiet({ offsetsBeforeMinutes: [], overdueAt: null, escalation: false }))).toEqual([]);
  });

  it('keeps every reminder before the deadline, however the quiet hours lie', () => {
    const dues = ['2027-06-09 00:00', '2027-06-09 07:59', '2027-06-09 08:00', '2027-06-09 08:01', '2027-06-09 21:59', '2027-06-09 22:00', '2027-06-09 23:30'].map(china);
    const quiets = [{ from: '22:00', to: '08:00' }, { from: '00:00', to: '23:59' }, { from: '23:59', to: '00:00' }, { from: '12:00', to: '14:00' }];
    for (const dueAt of dues) {
      for (const quietHours of quiets) {
        const moments = reminderMoments(dueAt, policy({ quietHours, offsetsBeforeMinutes: [1, 59, 120, 600, 43200] }));
        const before = moments.filter((m) => m.moment.startsWith('before:'));
        expect(before.length).toBeGreaterThan(0);
        for (const m of before) expect(Date.parse(m.at)).toBeLessThan(Date.parse(dueAt));
        expect(new Set(before.map((m) => m.at)).size).toBe(before.length);
      }
    }
  });
});
