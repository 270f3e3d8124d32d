import { sortOf } from './paging';

describe('sortOf', () => {
  const fallback = { sort: 'submittedAt', order: 'desc' } as const;

  it('keeps the list\'s default order when the query names none', () => {
    expect(sortOf({}, fallback)).toEqual({ sort: 'submittedAt', order: 'desc' });
    expect(sortOf({ order: 'asc' }, fallback)).toEqual({ sort: 'submittedAt', order: 'asc' });
  });

  it('sorts ascending by the key asked for unless told otherwise', () => {
    expect(sortOf<'submittedAt' | 'title'>({ sort: 'title' }, fallback)).toEqual({ sort: 'title', order: 'asc' });
    expect(sortOf<'submittedAt' | 'title'>({ sort: 'title', order: 'desc' }, fallback)).toEqual({ sort: 'title', order: 'desc' });
    expect(sortOf({ sort: 'submittedAt' }, fallback)).toEqual({ sort: 'submittedAt', order: 'asc' });
  });
});
