import { z } from 'zod';
import { isoStageCode } from './iso-stages.js';

const localizedText = z.object({
  en: z.string().nullable().optional(),
  fr: z.string().nullable().optional(),
});

/**
 * One record of ISO Open Data `iso_deliverables_metadata` (JSONL), in exactly the shape of
 * `data/iso/deliverables-sample.jsonl` and `deliverable-62085.json`. Fields the samples show as
 * `null` stay nullable; keys that are not in the samples are dropped.
 */
export const isoDeliverableSchema = z.object({
  id: z.number().int().positive(),
  /** `IS`, `TS`, `TR`, `PAS`, `ISP`, `IWA`, `Guide`, … */
  deliverableType: z.string().min(1),
  /** `Amd` or `Cor` for a supplement; `null` for the base document. */
  supplementType: z.string().min(1).nullable(),
  reference: z.string().min(1),
  publicationDate: z.iso.date().nullable(),
  edition: z.number().int().positive(),
  icsCode: z.array(z.string().regex(/^\d{2}(?:\.\d{3}(?:\.\d{2})?)?$/, 'not an ICS code')),
  ownerCommittee: z.string().min(1),
  /** Harmonized stage code as an integer: `6060` is 60.60, `9092` is 90.92. */
  currentStage: z
    .number()
    .int()
    .refine((stage) => isoStageCode(stage) !== undefined, 'not an ISO harmonized stage code'),
  /** Ids of the deliverables this one replaces / is replaced by. */
  replaces: z.array(z.number().int()).nullable(),
  replacedBy: z.array(z.number().int()).nullable(),
  languages: z.array(z.string()),
  pages: z.object({ en: z.number().int().optional(), fr: z.number().int().optional() }),
  scope: localizedText,
});

export type IsoDeliverable = z.infer<typeof isoDeliverableSchema>;

export interface JsonlLineError {
  /** 1-based line number in the input. */
  line: number;
  reason: string;
}

export interface IsoDeliverablesParseResult {
  records: IsoDeliverable[];
  errors: JsonlLineError[];
}

const MAX_ISSUES = 5;

function describe(error: z.ZodError): string {
  const issues = error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`);
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : '';
  return issues.slice(0, MAX_ISSUES).join('; ') + more;
}

/** Parses JSONL text line by line: blank lines are skipped, every bad line is reported, none throws. */
export function parseIsoDeliverablesJsonl(text: string): IsoDeliverablesParseResult {
  const result: IsoDeliverablesParseResult = { records: [], errors: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch (error) {
      result.errors.push({ line, reason: `invalid JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = isoDeliverableSchema.safeParse(json);
    if (parsed.success) result.records.push(parsed.data);
    else result.errors.push({ line, reason: describe(parsed.error) });
  });
  return result;
}
