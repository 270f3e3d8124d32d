import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { StreamingWorkbook } from './streaming-workbook';

/** A file that takes each chunk on a later turn of the event loop, slower than exceljs writes; or fails once it has taken `failAfter` bytes. */
function slowFile(failAfter = Infinity) {
  const chunks: Buffer[] = [];
  let taken = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      taken += chunk.length;
      if (taken > failAfter) return setImmediate(() => done(new Error('ENOSPC: no space left on device')));
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

async function writeSheets(workbook: StreamingWorkbook, count: number) {
  for (let i = 1; i <= count; i++) {
    const sheet = workbook.addWorksheet(`单位${i}`);
    sheet.addRow(['活动项目', '进展情况']).commit();
    sheet.addRow([`第${i}项`, `开展（${i}）次`]).commit();
    await workbook.commitSheet(sheet);
  }
}

describe('StreamingWorkbook', () => {
  it('writes every sheet whole through a file slower than the writer', async () => {
    const file = slowFile();
    const workbook = new StreamingWorkbook(file.stream);
    await writeSheets(workbook, 40);
    await workbook.commit();

    const read = new ExcelJS.Workbook();
    await read.xlsx.load(file.bytes() as unknown as ArrayBuffer);
    expect(read.worksheets.map((s) => s.name)).toEqual(Array.from({ length: 40 }, (_, i) => `单位${i + 1}`));
    expect([1, 2].map((column) => read.getWorksheet('单位40')!.getCell(2, column).value)).toEqual(['第40项', '开展（40）次']);
  });

  it('fails, rather than waiting forever, once its file fails', async () => {
    const file = slowFile(20_000);
    const workbook = new StreamingWorkbook(file.stream);
    await expect(writeSheets(workbook, 400)).rejects.toThrow('ENOSPC');
    await expect(workbook.commit()).rejects.toThrow('ENOSPC');
  });
});
