import { proposeContributions } from './reports';

const field = (id: string, unit: string, kind: 'count' | 'boolean' = 'count') => ({ id, kind, label: id, unit, hasData: false });

describe('proposeContributions', () => {
  it('adds one event and the headcount', () => {
    const item = { fields: [field('talks', '场'), field('people', '人次'), field('leaflets', '份')] };
    expect(proposeContributions(item, 120)).toEqual([
      { fieldId: 'talks', amount: 1 },
      { fieldId: 'people', amount: 120 },
    ]);
  });

  it('proposes nothing it cannot place, and no headcount of zero', () => {
    expect(proposeContributions({ fields: [field('yes', '', 'boolean'), field('articles', '篇')] }, 30)).toEqual([]);
    expect(proposeContributions({ fields: [field('drills', '次'), field('people', '人')] }, 0)).toEqual([{ fieldId: 'drills', amount: 1 }]);
  });
});
