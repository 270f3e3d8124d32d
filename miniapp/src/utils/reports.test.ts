import Taro from '@tarojs/taro';
import { dropFile, keepFile } from './reports';

describe('draft files (weapp)', () => {
  const taro = Taro as unknown as { env: Record<string, string>; getFileSystemManager: () => unknown };
  const original = { env: taro.env, manager: taro.getFileSystemManager };
  const saved: [string, string][] = [];
  const removed: string[] = [];
  beforeEach(() => {
    saved.length = 0;
    removed.length = 0;
    taro.env = { ...original.env, USER_DATA_PATH: 'wxfile://usr' };
    taro.getFileSystemManager = () => ({
      saveFileSync: (from: string, to: string) => {
        if (from.includes('full')) throw new Error('storage full');
        saved.push([from, to]);
        return to;
      },
      unlinkSync: (path: string) => removed.push(path),
    });
  });
  afterAll(() => {
    taro.env = original.env;
    taro.getFileSystemManager = original.manager;
  });

  it('keeps a picked file out of the temporary folder, under the draft entry key', () => {
    expect(keepFile('wxfile://tmp/abc.jpg', 'f1')).toBe('wxfile://usr/draft-f1.jpg');
    expect(saved).toEqual([['wxfile://tmp/abc.jpg', 'wxfile://usr/draft-f1.jpg']]);
  });

  it('falls back to the temporary file when it cannot be kept', () => {
    expect(keepFile('wxfile://tmp/full.mp4', 'f2')).toBe('wxfile://tmp/full.mp4');
  });

  it('removes only the files it kept', () => {
    dropFile('wxfile://usr/draft-f1.jpg');
    dropFile('wxfile://tmp/abc.jpg');
    dropFile('blob:http://localhost/1');
    expect(removed).toEqual(['wxfile://usr/draft-f1.jpg']);
  });
});
