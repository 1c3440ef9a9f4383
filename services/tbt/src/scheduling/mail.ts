import type { AlertState } from '../aggregates/state.js';

const esc = (s: string | number | undefined) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function alertRow(a: AlertState): string {
  const why = a.reasons
    .filter((r) => !['market', 'area'].includes(r.rule))
    .map((r) => `${r.rule}: ${r.profileValue} ↔ ${r.notificationValue}`);
  return `<tr><td>${esc(a.symbol ?? a.documentKey)}</td><td>${esc(a.member)}</td><td>${esc(a.title)}</td><td>${esc(a.commentDeadline ?? '—')}</td><td>${esc(why.join('; '))}${a.inferred ? ' (inferred from your registered standards)' : ''}</td></tr>`;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family:sans-serif">${body}<p style="color:#555">Highland · TBT early warning / 技术性贸易措施预警</p></body></html>\n`;

export function renderReminder(a: AlertState, daysBefore: number): string {
  return page(
    `TBT reminder: ${daysBefore} days left`,
    `<h1>评议截止前 ${daysBefore} 天 · ${daysBefore} days left to comment</h1>
<p>${esc(a.enterprise)}: the final date for comments on ${esc(a.symbol ?? a.documentKey)} (${esc(a.member)}) is <strong>${esc(a.commentDeadline)}</strong>.</p>
<table border="1" cellpadding="4"><tr><th>Notification</th><th>Member</th><th>Title</th><th>Deadline</th><th>Why you</th></tr>${alertRow(a)}</table>`,
  );
}

export function renderDigest(
  enterprise: string,
  digest: string,
  period: string,
  alerts: AlertState[],
): string {
  return page(
    `TBT ${digest} digest ${period}`,
    `<h1>TBT ${esc(digest)} digest · ${esc(period)}</h1><p>${esc(enterprise)}: ${alerts.length} new alert(s).</p>
${alerts.length ? `<table border="1" cellpadding="4"><tr><th>Notification</th><th>Member</th><th>Title</th><th>Deadline</th><th>Why you</th></tr>${alerts.map(alertRow).join('')}</table>` : '<p>No new notifications matched your profile.</p>'}`,
  );
}
