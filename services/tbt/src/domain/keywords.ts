/**
 * Keyword matching shared by the profile index and the naive scan, so both mean the same thing.
 *
 * - Words (Latin, Cyrillic, digits…): case-, width- and accent-insensitive whole-word or phrase
 *   match on tokens, with light English plural folding (`battery` matches `batteries`, `paint`
 *   matches `paints`, `box` matches `boxes`); `lead` does not match `leader`.
 * - Chinese, Japanese and Korean: a keyword holding any such character matches as a substring
 *   (`锂电池` in `…锂电池安全要求…`), case- and width-insensitive; these scripts have no spaces
 *   to cut words at.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD =
  /(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}])+/gu;

export interface Token {
  /** Folded form: lower case, no accents, plural folded. */
  value: string;
  start: number;
  end: number;
}

/** Light plural folding, applied alike to keywords and text. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Words already folded: a lookup costs less than normalising, stripping accents and stemming again. */
const folded = new Map<string, string>();
const FOLDED_MAX = 50_000;

function fold(word: string): string {
  let value = folded.get(word);
  if (value === undefined) {
    value = stem(word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
    if (folded.size >= FOLDED_MAX) folded.clear();
    folded.set(word, value);
  }
  return value;
}

/** Word tokens of (NFKC) text with their positions in it. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({
    value: fold(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export interface KeywordPattern {
  /** The keyword as the profile wrote it. */
  original: string;
  mode: 'words' | 'substring';
  /** `words` mode: the folded tokens of the phrase. */
  tokens: string[];
  /** `substring` mode: the lower-case NFKC keyword, spaces collapsed. */
  needle: string;
  /** The key the index files it under: the longest token, or a CJK bigram (or single character). */
  indexKey: string;
  /** Same key for patterns that match the same texts (for de-duplication). */
  key: string;
}

/** A profile keyword ready to match; `undefined` when it holds no letter or digit. */
export function compileKeyword(keyword: string): KeywordPattern | undefined {
  const text = keyword.normalize('NFKC').trim();
  if (CJK.test(text)) {
    const needle = text.toLowerCase().replace(/\s+/g, ' ');
    const run = [...needle.matchAll(CJK_RUN)].map((m) => m[0]).sort((a, b) => b.length - a.length)[0] ?? '';
    return {
      original: keyword,
      mode: 'substring',
      tokens: [],
      needle,
      // By code points: a UTF-16 slice could cut a character in two and never be found.
      indexKey: [...run].slice(0, 2).join(''),
      key: `s:${needle}`,
    };
  }
  const tokens = tokenize(text).map((t) => t.value);
  if (tokens.length === 0) return undefined;
  return {
    original: keyword,
    mode: 'words',
    tokens,
    needle: '',
    // Any token of a phrase will do; the longest is the least likely to be a common word.
    indexKey: tokens.reduce((a, b) => (b.length > a.length ? b : a)),
    key: `w:${tokens.join(' ')}`,
  };
}

/** A notification text prepared once for all keywords. */
export interface PreparedText {
  text: string;
  lower: string;
  tokens: Token[];
  /** Token value → its indexes in `tokens`, ascending. */
  positions: Map<string, number[]>;
  /** Every CJK character and bigram of the text (lower case). */
  cjkGrams: Set<string>;
}

export function prepareText(raw: string): PreparedText {
  const text = raw.normalize('NFKC');
  const lower = text.toLowerCase().replace(/\s+/g, ' ');
  const tokens = tokenize(text);
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const list = positions.get(t.value);
    if (list === undefined) positions.set(t.value, [i]);
    else list.push(i);
  });
  const cjkGrams = new Set<string>();
  for (const m of lower.matchAll(CJK_RUN)) {
    const run = [...m[0]];
    run.forEach((ch, i) => {
      cjkGrams.add(ch);
      if (i + 1 < run.length) cjkGrams.add(ch + run[i + 1]!);
    });
  }
  return { text, lower, tokens, positions, cjkGrams };
}

function phraseAt(pattern: KeywordPattern, prepared: PreparedText, i: number): boolean {
  for (let j = 1; j < pattern.tokens.length; j += 1) {
    if (prepared.tokens[i + j]?.value !== pattern.tokens[j]) return false;
  }
  return true;
}

function excerptOf(prepared: PreparedText, from: number, to: number): string {
  return prepared.text.slice(prepared.tokens[from]!.start, prepared.tokens[to]!.end);
}

/**
 * The first place `pattern` occurs in the text, as the text writes it (`Batteries` for the
 * keyword `battery`); `undefined` when it does not occur. Uses the token positions, so it costs
 * what the occurrences of the first word cost.
 */
export function findKeyword(pattern: KeywordPattern, prepared: PreparedText): string | undefined {
  if (pattern.mode === 'substring') {
    const at = prepared.lower.indexOf(pattern.needle);
    return at < 0 ? undefined : pattern.needle;
  }
  for (const i of prepared.positions.get(pattern.tokens[0]!) ?? []) {
    if (phraseAt(pattern, prepared, i)) return excerptOf(prepared, i, i + pattern.tokens.length - 1);
  }
  return undefined;
}

/** The same answer as {@link findKeyword}, by scanning every token: the naive reference. */
export function scanKeyword(pattern: KeywordPattern, prepared: PreparedText): string | undefined {
  if (pattern.mode === 'substring')
    return prepared.lower.includes(pattern.needle) ? pattern.needle : undefined;
  for (let i = 0; i < prepared.tokens.length; i += 1) {
    if (prepared.tokens[i]!.value === pattern.tokens[0] && phraseAt(pattern, prepared, i)) {
      return excerptOf(prepared, i, i + pattern.tokens.length - 1);
    }
  }
  return undefined;
}
