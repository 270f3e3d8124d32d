import { useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { DateInput } from './DateInput';

/** The input with its value kept as a form keeps it, and every change it reports. */
function Harness({ mode, initial, changes }: { mode: 'date' | 'time'; initial: string; changes: string[] }) {
  const [value, setValue] = useState(initial);
  return (
    <DateInput
      mode={mode}
      value={value}
      placeholder='开始日期'
      onChange={(next) => {
        changes.push(next);
        setValue(next);
      }}
    />
  );
}

const choose = async (label: string, value: string) => {
  await act(async () => {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  });
};
const chosen = (label: string) => (screen.getByLabelText(label) as HTMLSelectElement).value;

describe('DateInput on h5', () => {
  it('chooses a date as 年/月/日, reporting it only once complete', async () => {
    const changes: string[] = [];
    render(<Harness mode='date' initial='' changes={changes} />);
    expect(screen.getByText('年')).toBeTruthy();
    await choose('开始日期（年）', '2027');
    await choose('开始日期（月）', '6');
    expect(changes).toEqual([]);
    await choose('开始日期（日）', '5');
    expect(changes).toEqual(['2027-06-05']);
  });

  it('shows a stored date, and forgets a day the new month does not have', async () => {
    const changes: string[] = [];
    render(<Harness mode='date' initial='2027-01-31' changes={changes} />);
    expect([chosen('开始日期（年）'), chosen('开始日期（月）'), chosen('开始日期（日）')]).toEqual(['2027', '1', '31']);
    await choose('开始日期（月）', '2');
    expect(changes).toEqual(['']);
    expect(chosen('开始日期（月）')).toBe('2');
    expect(chosen('开始日期（日）')).toBe('');
    await choose('开始日期（日）', '28');
    expect(changes).toEqual(['', '2027-02-28']);
  });

  it('chooses a time on the 24-hour clock', async () => {
    const changes: string[] = [];
    render(<Harness mode='time' initial='' changes={changes} />);
    const hours = Array.from((screen.getByLabelText('开始日期（时）') as HTMLSelectElement).options).map((o) => o.text);
    expect(hours).toHaveLength(25);
    expect(hours[24]).toBe('23');
    await choose('开始日期（时）', '21');
    await choose('开始日期（分）', '5');
    expect(changes).toEqual(['21:05']);
  });
});
