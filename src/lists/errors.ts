// Typed errors for list ingestion. They name the file, the place in it and the cause, so a
// compliance team can tell a truncated download from a format change.

export class ListParseError extends Error {
  override readonly name = 'ListParseError';
  constructor(
    readonly file: string,
    /** 'line 123', 'element /sdnList/sdnEntry[5]', 'row 40' ... */
    readonly at: string | undefined,
    readonly reason: string,
  ) {
    super(`${file}${at ? ` (${at})` : ''}: ${reason}`);
  }
}

export class ListSourceError extends Error {
  override readonly name = 'ListSourceError';
}
