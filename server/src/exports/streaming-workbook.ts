import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Sheets handed to the zip and not yet taken by it, at most (each holds a 64 KB buffer until then). */
const QUEUED_SHEETS = 16;
/** The entry name archiver reports for a sheet's XML. */
const SHEET_ENTRY = /^xl\/worksheets\/sheet\d+\.xml$/;

/** What exceljs's streaming writer holds beyond its typings: the zip (archiver) its parts go into. */
interface WithZip {
  zip: NodeJS.EventEmitter;
}
/** A sheet's streams, which exceljs keeps after the sheet is committed. */
interface WithStreams {
  _stream: unknown;
  _sheetRelsWriter: unknown;
  _sheetCommentsWriter: unknown;
}

/**
 * exceljs's streaming workbook writer, as an export of thousands of sheets needs it. exceljs hands
 * each committed sheet to its zip at once, faster than the zip compresses them, and keeps every sheet
 * with its streams (and through them the sheet's zip compressor) until the workbook is committed: a
 * workbook of 10,000 unit sheets would hold several hundred megabytes. So a sheet is committed here:
 * its streams are let go (the zip keeps them until it has taken them; the parts written at the
 * workbook's commit read only a sheet's id, name and settings), and the next sheet waits while more
 * than a few are queued.
 */
export class StreamingWorkbook {
  private readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly zip: NodeJS.EventEmitter;
  /**
   * Rejects when the stream fails (so does `failure` say): the zip then stops taking sheets, and
   * exceljs, asked to finish, would wait for it forever.
   */
  private readonly failed: Promise<never>;
  private failure?: Error;
  private committed = 0;
  private zipped = 0;

  constructor(stream: Writable) {
    this.failed = new Promise((_, reject) =>
      stream.once('error', (error) => {
        this.failure = error;
        reject(error);
      }),
    );
    this.failed.catch(() => undefined);
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
    this.zip = (this.writer as unknown as WithZip).zip;
    this.zip.on('entry', (entry: { name: string }) => {
      if (SHEET_ENTRY.test(entry.name)) this.zipped++;
    });
  }

  addWorksheet(name: string, options?: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet {
    return this.writer.addWorksheet(name, options);
  }

  /** Commits a sheet whose rows are all written, then waits while the zip is more than a few sheets behind. */
  async commitSheet(sheet: ExcelJS.Worksheet): Promise<void> {
    sheet.commit();
    const streams = sheet as unknown as WithStreams;
    streams._stream = null;
    streams._sheetRelsWriter = null;
    streams._sheetCommentsWriter = null;
    this.committed++;
    if (this.failure) throw this.failure;
    while (this.committed - this.zipped > QUEUED_SHEETS) await Promise.race([once(this.zip, 'entry'), this.failed]);
  }

  /** Writes the workbook's own parts and waits until the whole file is written. */
  async commit(): Promise<void> {
    if (this.failure) throw this.failure;
    await Promise.race([this.writer.commit(), this.failed]);
  }
}
