import { NotFoundProblem } from '@highland/service-kit';
import { parseStandardCode } from '../domain/standard-code.js';
import type { RegistryView } from '../view/registry-view.js';

/** A standard by its item id (std-…) or by its code, in any spelling the parser accepts. */
export function resolveStandardRef(view: RegistryView, ref: string): string {
  if (/^std-[A-Za-z0-9_-]+$/.test(ref)) {
    if (view.get(ref)?.state.kind !== 'standard') throw new NotFoundProblem(`no standard with id ${ref}`);
    return ref;
  }
  const parsed = parseStandardCode(ref);
  if (!parsed.ok) {
    throw new NotFoundProblem(`"${ref}" is neither a standard id nor a valid code: ${parsed.error.reason}`, [
      { field: 'path.ref', reason: parsed.error.reason },
    ]);
  }
  const id = view.standardIdByCode(parsed.code.normalized);
  if (!id) throw new NotFoundProblem(`standard ${parsed.code.normalized} is not registered`);
  return id;
}
