/**
 * Documents handed in with a deliverable (unit plans, summaries, tables). Their type is decided by
 * the server from the bytes; these are the names the app shows.
 */
export const DOCUMENT_FORMATS = ['docx', 'doc', 'pdf', 'xlsx'] as const;
/** `doc`: a Word 97–2003 or WPS document, which share one container (an OLE compound file). */
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const DOCUMENT_FORMAT_LABELS: Record<DocumentFormat, string> = {
  docx: 'Word 文档',
  doc: 'Word 97–2003 / WPS 文档',
  pdf: 'PDF 文档',
  xlsx: 'Excel 表格',
};

/** What a refusal names as accepted. */
export const ACCEPTED_DOCUMENTS_TEXT = 'Word（doc、docx）、WPS、PDF 或 Excel（xlsx）文档';
