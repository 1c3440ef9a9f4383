// Highland dashboard: every indicator as a bar against its target, live from the SSE stream.
const T = {
  zh: {
    skip: '跳到正文',
    title: '技术标准高地 · 目标进展',
    subtitle: '全区技术标准战略各项目标的完成情况,实时更新',
    plan: '规划',
    switchLang: 'English',
    connecting: '连接中…',
    live: '实时',
    offline: '已断开,正在重连…',
    indicators: '指标',
    trend: '月度趋势(累计)',
    items: '计入的事项',
    footer: '数据来源:各部门通过 Highland 登记的事件',
    period: '规划期',
    target: '目标',
    expected: '应达进度',
    value: '当前',
    rank: '排名',
    of: '共',
    csv: '导出 CSV',
    breakdown: '分项',
    none: '暂无',
    more: '另有 {n} 项',
    status: {
      'not-started': '未开始',
      behind: '滞后',
      'on-track': '按计划',
      attained: '已完成',
      exceeded: '超额完成',
      'no-data-source': '暂无数据来源',
      qualitative: '定性目标',
    },
    dims: { sector: '行业', department: '部门', town: '镇街', project: '五大工程', level: '层级' },
    items_: '条',
    exportsLabel: { attainment: '全部指标', breakdowns: '分项', monthly: '月度', items: '事项' },
  },
  en: {
    skip: 'Skip to content',
    title: 'Technical standards highland · progress',
    subtitle: "The district's standards strategy, target by target, live",
    plan: 'Plan',
    switchLang: '中文',
    connecting: 'Connecting…',
    live: 'Live',
    offline: 'Disconnected, reconnecting…',
    indicators: 'Indicators',
    trend: 'Monthly trend (cumulative)',
    items: 'Items that count',
    footer: 'Source: events recorded by departments in Highland',
    period: 'Plan period',
    target: 'Target',
    expected: 'Expected by now',
    value: 'Now',
    rank: 'Rank',
    of: 'of',
    csv: 'Export CSV',
    breakdown: 'Breakdown',
    none: 'None yet',
    more: '{n} more',
    status: {
      'not-started': 'Not started',
      behind: 'Behind',
      'on-track': 'On track',
      attained: 'Attained',
      exceeded: 'Exceeded',
      'no-data-source': 'No data source yet',
      qualitative: 'Qualitative',
    },
    dims: { sector: 'Sector', department: 'Department', town: 'Town', project: 'Project', level: 'Level' },
    items_: 'items',
    exportsLabel: {
      attainment: 'All indicators',
      breakdowns: 'Breakdowns',
      monthly: 'Monthly',
      items: 'Items',
    },
  },
};

const state = {
  connected: false,
  lang: localStorage.getItem('highland.lang') || 'zh',
  plans: [],
  planId: null,
  attainment: new Map(),
  selected: null,
  chart: null,
};
const $ = (id) => document.getElementById(id);
const t = () => T[state.lang];
const esc = (s) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
const name = (b) => (state.lang === 'en' && b?.en) || b?.zh || '';
const plan = () => state.plans.find((p) => p.id === state.planId);
const key = (planId, indicatorId) => `${planId}/${indicatorId}`;

function targetText(target, unit) {
  const u = name(unit);
  switch (target.kind) {
    case 'range':
      return `${target.min}–${target.max} ${u}`;
    case 'floor':
      return `≥ ${target.min} ${u}`;
    case 'percentage':
      return `≥ ${target.min}%`;
    case 'comparative':
      return state.lang === 'en'
        ? `rank ≤ ${target.rankAtMost} in ${name(target.group)}`
        : `${name(target.group)}前 ${target.rankAtMost} 名`;
    case 'qualitative':
      return name(target.description);
    default:
      return '';
  }
}

function valueText(a) {
  if (!a || a.value === null || a.value === undefined) return '—';
  if (a.target.kind === 'percentage') return `${a.value}%`;
  if (a.target.kind === 'comparative' && a.rank) return `${t().rank} ${a.rank}/${a.groupSize}`;
  return String(a.value);
}

function barScale(a) {
  const tg = a.target;
  if (tg.kind === 'percentage') return 100;
  const top = tg.kind === 'range' ? tg.max : (tg.min ?? 0);
  return Math.max(top * 1.25, (a.value ?? 0) * 1.1, 1);
}

function renderCards() {
  const p = plan();
  if (!p) return;
  $('period').textContent = `${t().period}: ${p.period.start} – ${p.period.end}`;
  const list = $('indicators');
  list.innerHTML = '';
  for (const ind of p.indicators) {
    const a = state.attainment.get(key(p.id, ind.id));
    const status = a?.status ?? 'not-started';
    const li = document.createElement('li');
    const scale = a ? barScale(a) : 1;
    // Unknown is not zero: no bar until the indicator's source exists.
    const numeric =
      a && !['qualitative', 'comparative'].includes(a.target.kind) && status !== 'no-data-source';
    const min = a?.target.min ?? 0;
    const max = a?.target.kind === 'range' ? a.target.max : a?.target.kind === 'percentage' ? 100 : scale;
    const pct = (v) => `${Math.min(100, Math.max(0, (v / scale) * 100))}%`;
    li.innerHTML = `
      <button class="card" type="button" data-indicator="${esc(ind.id)}" aria-expanded="${state.selected === ind.id}"
        style="--status: var(--s-${status})" aria-describedby="s-${esc(ind.id)}">
        <span class="name">${esc(name(ind.name))}</span>
        <span class="numbers">
          <span><span class="value" data-role="value">${esc(valueText(a))}</span> <span class="unit">${esc(a?.target.kind === 'percentage' ? '' : name(ind.unit))}</span></span>
          <span class="badge" id="s-${esc(ind.id)}" data-role="status" data-status="${status}">${esc(t().status[status])}</span>
        </span>
        <span class="target">${esc(t().target)}: ${esc(targetText(ind.target, ind.unit))}${a?.expectedByNow != null && numeric ? ` · ${esc(t().expected)}: ${Math.round(a.expectedByNow * 10) / 10}` : ''}</span>
        ${
          numeric
            ? `<span class="bar" role="meter" aria-label="${esc(name(ind.name))}" aria-valuemin="0" aria-valuemax="${max}" aria-valuenow="${a.value ?? 0}"
            aria-valuetext="${esc(valueText(a))} / ${esc(targetText(ind.target, ind.unit))}">
            <span class="range" style="left:${pct(min)};width:calc(${pct(max)} - ${pct(min)})"></span>
            <span class="fill" data-role="fill" style="width:${pct(a.value ?? 0)}"></span>
            ${a.expectedByNow != null ? `<span class="expected" style="left:${pct(a.expectedByNow)}"></span>` : ''}
          </span>`
            : ''
        }
      </button>`;
    list.append(li);
  }
}

async function renderDetail() {
  const p = plan();
  const section = $('detail');
  if (!p || !state.selected) {
    section.hidden = true;
    return;
  }
  const res = await fetch(
    `/plans/${encodeURIComponent(p.id)}/indicators/${encodeURIComponent(state.selected)}`,
  );
  if (!res.ok) {
    section.hidden = true;
    return;
  }
  const d = await res.json();
  section.hidden = false;
  $('detail-title').textContent = name(d.indicator.name);
  const a = d.attainment;
  $('detail-summary').textContent =
    `${t().value}: ${valueText(a)} · ${t().target}: ${targetText(d.indicator.target, d.indicator.unit)} · ${t().status[a.status]}`;
  const base = `/exports/${encodeURIComponent(p.id)}`;
  $('exports').innerHTML =
    `${esc(t().csv)}: ` +
    [
      ['attainment', `${base}/attainment.csv`],
      ['breakdowns', `${base}/${state.selected}/breakdowns.csv`],
      ['monthly', `${base}/${state.selected}/monthly.csv`],
      ['items', `${base}/${state.selected}/items.csv`],
    ]
      .map(([k, href]) => `<a href="${href}" download>${esc(t().exportsLabel[k])}</a>`)
      .join('');
  // Trend chart, with the numbers also in the canvas's label for screen readers.
  const labels = a.monthly.map((m) => m.month);
  const values = a.monthly.map((m) => m.value);
  const canvas = $('trend');
  canvas.setAttribute(
    'aria-label',
    `${t().trend}: ${labels
      .slice(-6)
      .map((l, i) => `${l} ${values.slice(-6)[i] ?? '—'}`)
      .join(', ')}`,
  );
  if (window.Chart) {
    state.chart?.destroy();
    state.chart = new window.Chart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: name(d.indicator.name),
            data: values,
            borderColor: '#0b57d0',
            backgroundColor: 'rgba(11,87,208,.15)',
            fill: true,
            stepped: true,
            pointRadius: 0,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true } },
        plugins: { legend: { display: false } },
      },
    });
  }
  $('breakdowns').innerHTML = Object.entries(a.breakdowns)
    .map(
      ([dim, rows]) => `
    <table><caption>${esc(t().breakdown)}: ${esc(t().dims[dim] ?? dim)}</caption>
      <thead><tr><th scope="col">${esc(t().dims[dim] ?? dim)}</th><th scope="col" class="num">${esc(t().value)}</th></tr></thead>
      <tbody>${rows.length ? rows.map((r) => `<tr><td>${esc(r.key)}</td><td class="num">${esc(r.value)}</td></tr>`).join('') : `<tr><td colspan="2">${esc(t().none)}</td></tr>`}</tbody>
    </table>`,
    )
    .join('');
  $('items').innerHTML = d.items.length
    ? d.items
        .map(
          (i) =>
            `<li>${esc(i.attributes.code ?? i.ref?.id ?? i.id)} · ${esc(i.occurredAt.slice(0, 10))}${i.attributes.sector ? ` · ${esc(i.attributes.sector)}` : ''}${i.attributes.department ? ` · ${esc(i.attributes.department)}` : ''}</li>`,
        )
        .join('') +
      (d.itemCount > d.items.length
        ? `<li>${esc(t().more.replace('{n}', d.itemCount - d.items.length))}</li>`
        : '')
    : `<li>${esc(t().none)}</li>`;
}

function applyLang() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]'))
    el.textContent = t()[el.dataset.i18n] ?? el.textContent;
  $('lang').setAttribute('aria-pressed', String(state.lang === 'en'));
  $('live').textContent = state.connected ? t().live : t().connecting;
  const select = $('plan-select');
  select.innerHTML = state.plans
    .map(
      (p) =>
        `<option value="${esc(p.id)}" ${p.id === state.planId ? 'selected' : ''}>${esc(name(p.name))} (${esc(p.period.start.slice(0, 4))}–${esc(p.period.end.slice(0, 4))})</option>`,
    )
    .join('');
  renderCards();
  void renderDetail();
}

async function load() {
  const plans = await (await fetch('/plans')).json();
  state.plans = plans;
  state.planId ??= new URLSearchParams(location.search).get('plan') || plans[0]?.id;
  for (const p of plans) for (const a of p.attainment) state.attainment.set(key(a.planId, a.indicatorId), a);
  applyLang();
}

function connect() {
  const source = new EventSource('/progress/stream');
  const live = $('live');
  source.addEventListener('open', () => {
    state.connected = true;
    live.textContent = t().live;
    live.classList.add('on');
  });
  source.addEventListener('error', () => {
    state.connected = false;
    live.textContent = t().offline;
    live.classList.remove('on');
  });
  source.addEventListener('snapshot', () => void load());
  source.addEventListener('progress', (ev) => {
    const msg = JSON.parse(ev.data);
    const prev = state.attainment.get(key(msg.planId, msg.indicatorId));
    state.attainment.set(key(msg.planId, msg.indicatorId), {
      ...prev,
      ...msg,
      breakdowns: prev?.breakdowns ?? {},
      monthly: prev?.monthly ?? [],
    });
    if (msg.planId === state.planId) {
      renderCards();
      if (msg.indicatorId === state.selected) void renderDetail();
    }
    document.body.dataset.position = msg.position;
  });
}

$('lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('highland.lang', state.lang);
  applyLang();
});
$('plan-select').addEventListener('change', (e) => {
  state.planId = e.target.value;
  state.selected = null;
  applyLang();
});
$('indicators').addEventListener('click', (e) => {
  const card = e.target.closest('[data-indicator]');
  if (!card) return;
  state.selected = state.selected === card.dataset.indicator ? null : card.dataset.indicator;
  renderCards();
  void renderDetail();
  document.querySelector(`[data-indicator="${CSS.escape(card.dataset.indicator)}"]`)?.focus();
});

await load();
connect();
