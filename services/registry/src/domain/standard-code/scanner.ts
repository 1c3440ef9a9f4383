import { upperAscii } from './normalize.js';

/** A refused code: thrown inside the parser only, turned into a result at its entry point. */
export class CodeError extends Error {
  constructor(
    readonly reason: string,
    readonly position?: number,
  ) {
    super(reason);
  }
}

/**
 * Reads a normalised code from left to right, matching against its upper-cased copy (same
 * indices); patterns must carry the `y` flag.
 */
export class Scanner {
  pos = 0;
  readonly text: string;

  constructor(readonly source: string) {
    this.text = upperAscii(source);
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** The match at the current position, without moving. */
  peek(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text);
  }

  /** The match at the current position, moving past it. */
  take(pattern: RegExp): RegExpExecArray | null {
    const match = this.peek(pattern);
    if (match) this.pos += match[0].length;
    return match;
  }

  skipSpace(): void {
    if (this.text[this.pos] === ' ') this.pos += 1;
  }

  fail(reason: string, position = this.pos): never {
    throw new CodeError(reason, position);
  }

  /** Refuses anything left over, quoting it as typed (shortened) so the user sees what was not understood. */
  expectEnd(): void {
    this.skipSpace();
    if (this.done) return;
    const rest = this.source.slice(this.pos);
    this.fail(`unexpected '${rest.length > 20 ? `${rest.slice(0, 20)}…` : rest}'`);
  }
}
