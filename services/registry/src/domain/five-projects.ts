import { failure, type Failure } from './domain-error.js';

/** The plan's "five major projects" (五大工程), the categories a piece of standards work serves. */
export interface FiveProject {
  id: 1 | 2 | 3 | 4 | 5;
  key: string;
  nameZh: string;
  nameEn: string;
}

// Names as the plan gives them (its text is in traditional characters; simplified here).
export const FIVE_PROJECTS: readonly FiveProject[] = [
  { id: 1, key: 'modern-industry', nameZh: '现代产业技术标准引领工程', nameEn: 'Modern-industry standards' },
  { id: 2, key: 'urban-rural', nameZh: '统筹城乡技术标准助推工程', nameEn: 'Urban–rural standards' },
  { id: 3, key: 'inland-opening', nameZh: '内陆开放技术标准促进工程', nameEn: 'Inland opening' },
  { id: 4, key: 'urban-quality', nameZh: '城市品质技术标准提升工程', nameEn: 'Urban quality' },
  { id: 5, key: 'innovation', nameZh: '自主创新技术标准转化工程', nameEn: 'Innovation to standards' },
];

/** Accepts the number (1–5, as number or text) or the key (`urban-rural`). */
export function parseFiveProject(value: number | string): { ok: true; project: FiveProject } | Failure {
  const text = String(value).trim().toLowerCase();
  const project = FIVE_PROJECTS.find((p) => String(p.id) === text || p.key === text);
  if (project) return { ok: true, project };
  const keys = FIVE_PROJECTS.map((p) => `${p.id} (${p.key})`).join(', ');
  return failure(`project must be one of ${keys}, not '${String(value)}'`, { field: 'project' });
}
