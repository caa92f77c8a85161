/** A file a service hands back for download (CSV, .xlsx): the bytes and how to name them. */
export interface ExportFile {
  contentType: string
  /** ASCII name, and the same in Chinese for browsers that read filename*. */
  fileName: string
  fileNameZh: string
  body: Buffer
}
