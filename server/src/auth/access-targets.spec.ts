import { ApiException } from '../common/api-exception';
import { AccessTargets } from './access-targets';

const units: Record<string, { path: string }> = { u1: { path: '/r/u1/' } };
const found = <T>(table: Record<string, T>) => async (id: string) => table[id] ?? null;

/** A registry as the feature modules leave it, with a report kind standing for the linked kinds. */
function registry(): AccessTargets {
  const targets = new AccessTargets();
  targets.register('unit', { notFound: '单位不存在', find: found(units) });
  targets.register('report', { notFound: '报告不存在', find: found({ r1: { path: '/r/u1/' } }) });
  targets.register('campaign', {
    notFound: '活动不存在',
    find: found({ c1: { path: '/r/u1/', context: { published: true } } }),
  });
  targets.register('hazard', { notFound: '隐患举报不存在', find: found({}) });
  targets.register('rectification', { notFound: '整改任务不存在', find: found({}) });
  return targets;
}

/** The status and message a failed lookup answers with. */
const answer = (lookup: Promise<unknown>) =>
  lookup.then(
    () => 'found',
    (error: ApiException) => [error.getStatus(), error.body.error.message],
  );

describe('AccessTargets', () => {
  it('gives a unit its own path', async () => {
    expect(await registry().resolve('unit', 'u1')).toEqual({ path: '/r/u1/' });
  });

  it('leads another kind to its unit\'s path, keeping the context its feature gave', async () => {
    const targets = registry();
    expect(await targets.resolve('report', 'r1')).toEqual({ path: '/r/u1/' });
    expect(await targets.resolve('campaign', 'c1')).toEqual({ path: '/r/u1/', context: { published: true } });
  });

  it('answers 404 with the message of the kind that finds nothing', async () => {
    const targets = registry();
    expect(await answer(targets.resolve('unit', 'nope'))).toEqual([404, '单位不存在']);
    expect(await answer(targets.resolve('report', 'nope'))).toEqual([404, '报告不存在']);
  });

  it('answers an object hidden from the caller with the 404 of a missing one', async () => {
    const targets = registry();
    expect(await answer(Promise.reject(targets.missing('report')))).toEqual(await answer(targets.resolve('report', 'nope')));
  });

  it('refuses a kind registered twice', () => {
    expect(() => registry().register('report', { notFound: '报告不存在', find: found({}) })).toThrow("'report' are registered twice");
  });

  it('refuses to start while a kind has no resolver, and fails plainly (not as a 404) if asked for one', async () => {
    const targets = registry();
    expect(() => targets.onApplicationBootstrap()).toThrow("'membership', 'media'");
    await expect(targets.resolve('media', 'm1')).rejects.toThrow("No feature registered access targets of kind 'media'");
    await expect(targets.resolve('media', 'm1')).rejects.not.toBeInstanceOf(ApiException);

    targets.register('membership', { notFound: '该成员关系不存在', find: found({}) });
    targets.register('media', { notFound: '照片或视频不存在', find: found({}) });
    expect(() => targets.onApplicationBootstrap()).not.toThrow();
  });
});
