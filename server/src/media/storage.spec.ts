import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage } from './storage';

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sm-storage-'));
    storage = new LocalDiskStorage(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes a finished upload over by moving it under its key', async () => {
    const upload = join(root, 'upload');
    writeFileSync(upload, 'photo bytes');
    await storage.putFile('originals/ab/one', upload);
    expect(existsSync(upload)).toBe(false);
    expect(readFileSync(join(root, 'originals/ab/one'), 'utf8')).toBe('photo bytes');
    expect(await storage.exists('originals/ab/one')).toBe(true);
  });

  it('removes the upload when it cannot be stored, and refuses keys outside its folder', async () => {
    const upload = join(root, 'upload');
    writeFileSync(upload, 'photo bytes');
    await expect(storage.putFile('../elsewhere', upload)).rejects.toThrow('invalid storage key');
    await expect(storage.putFile('.incoming/x', upload)).rejects.toThrow('invalid storage key');
    writeFileSync(join(root, 'blocker'), '');
    await expect(storage.putFile('blocker/one', upload)).rejects.toThrow();
    expect(existsSync(upload)).toBe(false);
  });
});
