/**
 * Evaluation (Art. 34-35): the indicators of every department for a period, the bureau's weighted
 * score, the ranking and advice, and the report the bureau publishes. The bureau itself evaluates
 * and is not ranked.
 */
import { inTransaction } from '../../../db/transaction.js'
import type { Actor } from '../../../shared/actor.js'
import { shanghaiDate } from '../../../shared/dates.js'
import { AppError, type Lang } from '../../../shared/errors.js'
import { authorize } from '../../../shared/policy.js'
import {
  allDepartments,
  BUREAU_CODE,
  departmentsInScope,
  readSetting,
  writeSetting,
} from '../../org/index.js'
import type { SupervisionDeps } from '../deps.js'
import { evaluationHtml, evaluationWorkbook } from '../reports/format.js'
import {
  bestsOf,
  chooseAdvice,
  INDICATORS,
  indicatorValues,
  mergeWeights,
  type Period,
  parseWeights,
  rank,
  resolvePeriod,
  type Weights,
  weightedScore,
} from '../rules.js'
import type { EvaluationRow, EvaluationView, PeriodQuery, ReportQuery, WeightsBody } from '../schema.js'
import type { ExportFile } from '../statistics/export.js'
import { collectFacts } from '../statistics/facts.js'

/** platform_settings key of the bureau's weights (JSON, one number per indicator). */
export const WEIGHTS_SETTING = 'evaluation_weights'

export type Evaluation = ReturnType<typeof createEvaluation>

export function createEvaluation(deps: SupervisionDeps) {
  const { db, clock, audit } = deps

  async function loadWeights(): Promise<Weights> {
    return parseWeights(await readSetting(db, WEIGHTS_SETTING))
  }

  /** Every evaluated department of a period, ranked; `today` decides what is overdue. */
  async function computeEvaluation(period: Period): Promise<EvaluationView> {
    const today = shanghaiDate(clock.now())
    const departments = (await allDepartments(db)).filter((d) => d.code !== BUREAU_CODE)
    const [weights, facts] = await Promise.all([
      loadWeights(),
      collectFacts(
        deps,
        db,
        period,
        today,
        departments.map((d) => d.id),
      ),
    ])
    const all = departments.flatMap((department) => {
      const found = facts.get(department.id)
      return found ? [{ department, facts: found }] : []
    })
    const bests = bestsOf(all.map((entry) => entry.facts))
    const scored = all.map(({ department, facts: own }) => {
      const values = indicatorValues(own, bests)
      return {
        departmentId: department.id,
        departmentName: department.name,
        score: weightedScore(values, weights),
        values,
        facts: own,
        advice: chooseAdvice(values, weights),
      }
    })
    const items: EvaluationRow[] = rank(scored)
    return {
      ...period,
      weights,
      indicators: INDICATORS.map((spec) => ({
        key: spec.key,
        zh: spec.zh,
        en: spec.en,
        weight: weights[spec.key],
        available: items.some((row) => row.values[spec.key] !== null),
      })),
      departmentsRanked: items.filter((row) => row.rank !== null).length,
      items,
    }
  }

  /** The rows the actor may see: all for the bureau and auditors, its own (subtree) for a dept_admin. */
  async function visibleRows(
    actor: Actor,
    view: EvaluationView,
    departmentId?: string,
  ): Promise<EvaluationView> {
    const scope = await departmentsInScope(db, actor, 'evaluation.read')
    if (scope !== undefined && scope.length === 0) {
      throw new AppError('FORBIDDEN', { action: 'evaluation.read' })
    }
    if (departmentId !== undefined && scope !== undefined && !scope.includes(departmentId)) {
      throw new AppError('FORBIDDEN', { action: 'evaluation.read' })
    }
    const items = view.items.filter(
      (row) =>
        (scope === undefined || scope.includes(row.departmentId)) &&
        (departmentId === undefined || row.departmentId === departmentId),
    )
    return { ...view, items }
  }

  /**
   * Art. 34-35 evaluation of a period: indicators, weighted score, rank and advice per department.
   * Throws FORBIDDEN, SUPERVISION_INVALID_PERIOD.
   */
  async function evaluate(actor: Actor, query: PeriodQuery): Promise<EvaluationView> {
    const period = resolvePeriod(query, shanghaiDate(clock.now()))
    return visibleRows(actor, await computeEvaluation(period))
  }

  /** The weights in force (Art. 34: set by the bureau). Throws FORBIDDEN. */
  async function getWeights(actor: Actor): Promise<Weights> {
    if ((await departmentsInScope(db, actor, 'evaluation.read'))?.length === 0) {
      throw new AppError('FORBIDDEN', { action: 'evaluation.read' })
    }
    return loadWeights()
  }

  /**
   * The bureau sets the weights of the indicators (Art. 34), audited with the old and new values.
   * Throws FORBIDDEN, SUPERVISION_INVALID_WEIGHTS.
   */
  async function setWeights(actor: Actor, body: WeightsBody): Promise<Weights> {
    authorize(actor, 'evaluation.manage')
    const now = clock.now().toISOString()
    return inTransaction(db, async (trx) => {
      const before = parseWeights(await readSetting(trx, WEIGHTS_SETTING))
      const after = mergeWeights(before, body)
      await writeSetting(trx, WEIGHTS_SETTING, JSON.stringify(after), now)
      await audit.append(trx, actor, {
        action: 'evaluation.weights_set',
        objectType: 'setting',
        objectId: WEIGHTS_SETTING,
        details: { before, after },
      })
      return after
    })
  }

  /**
   * The evaluation report the bureau publishes (Art. 34), as HTML or .xlsx, optionally for one
   * department. Throws FORBIDDEN, SUPERVISION_INVALID_PERIOD.
   */
  async function report(actor: Actor, query: ReportQuery, lang: Lang): Promise<ExportFile> {
    const period = resolvePeriod(query, shanghaiDate(clock.now()))
    const view = await visibleRows(actor, await computeEvaluation(period), query.departmentId)
    return query.format === 'xlsx' ? evaluationWorkbook(view, lang) : evaluationHtml(view, lang)
  }

  return { evaluate, getWeights, setWeights, report, computeEvaluation }
}
