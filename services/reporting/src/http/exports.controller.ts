import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { NotFoundProblem, Public } from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import { ReportingView } from '../view/reporting-view.js';
import { sendCsv } from '@highland/service-kit';

@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(@Inject(ReportingView) private readonly view: ReportingView) {}

  private planOr404(planId: string) {
    const plan = this.view.state.plans.get(planId);
    if (!plan)
      throw new NotFoundProblem(`no plan ${planId}`, [{ field: 'path.planId', reason: 'unknown plan' }]);
    return plan;
  }

  @Public()
  @Get(':planId/attainment.csv')
  @ApiOperation({ summary: 'Attainment of every indicator of a plan (CSV, UTF-8 with BOM)' })
  @ApiProduces('text/csv')
  attainment(@Param('planId') planId: string, @Res() res: ExpressResponse) {
    const plan = this.planOr404(planId);
    const rows = plan.indicators.map((ind) => {
      const a = this.view.attainment(planId, ind.id);
      const t = ind.target as { kind: string; min?: number; max?: number; rankAtMost?: number };
      return [
        ind.id,
        ind.name.zh,
        ind.name.en ?? '',
        t.kind,
        t.min ?? '',
        t.max ?? t.rankAtMost ?? '',
        a?.value ?? '',
        a?.status ?? '',
        a?.expectedByNow ?? '',
        a ? Math.round(a.shareElapsed * 1000) / 10 : '',
      ];
    });
    sendCsv(
      res,
      `${planId}-attainment.csv`,
      [
        'indicator',
        'name_zh',
        'name_en',
        'target_kind',
        'target_min',
        'target_max',
        'value',
        'status',
        'expected_by_now',
        'period_elapsed_pct',
      ],
      rows,
    );
  }

  @Public()
  @Get(':planId/:indicatorId/:view.csv')
  @ApiOperation({
    summary:
      'One indicator as CSV: breakdowns (by sector, department, town, project, level), monthly series, or items',
  })
  @ApiProduces('text/csv')
  indicator(
    @Param('planId') planId: string,
    @Param('indicatorId') indicatorId: string,
    @Param('view') view: string,
    @Res() res: ExpressResponse,
  ) {
    this.planOr404(planId);
    const a = this.view.attainment(planId, indicatorId);
    if (!a)
      throw new NotFoundProblem(`plan ${planId} has no indicator ${indicatorId}`, [
        { field: 'path.indicatorId', reason: 'unknown indicator' },
      ]);
    const name = `${planId}-${indicatorId}-${view}.csv`;
    if (view === 'breakdowns') {
      const rows = Object.entries(a.breakdowns).flatMap(([dimension, list]) =>
        (list ?? []).map((r) => [dimension, r.key, r.value, r.numerator ?? '', r.denominator ?? '']),
      );
      return sendCsv(res, name, ['dimension', 'key', 'value', 'numerator', 'denominator'], rows);
    }
    if (view === 'monthly') {
      return sendCsv(
        res,
        name,
        ['month', 'value'],
        a.monthly.map((m) => [m.month, m.value ?? '']),
      );
    }
    if (view === 'items') {
      const rows = a.items.map((id) => {
        const f = this.view.state.facts.get(id)!;
        const attrs = f.attributes as Record<string, string | number | boolean | undefined>;
        return [
          id,
          f.occurredAt,
          String(attrs.code ?? ''),
          String(attrs.level ?? ''),
          String(attrs.sector ?? ''),
          String(attrs.department ?? ''),
          f.ref?.id ?? '',
        ];
      });
      return sendCsv(
        res,
        name,
        ['fact', 'occurred_at', 'code', 'level', 'sector', 'department', 'source_item'],
        rows,
      );
    }
    throw new NotFoundProblem(`no export "${view}"`, [
      { field: 'path.view', reason: 'one of breakdowns, monthly, items' },
    ]);
  }
}
