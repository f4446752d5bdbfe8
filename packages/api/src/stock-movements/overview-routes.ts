import { type Role, StockOverview, StockOverviewQuery, type SuggestedTransfer, tokyoParts } from '@tsunagari/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { partnerScope } from '../distribution-points/access.ts';
import { listPoints } from '../distribution-points/repository.ts';
import { type LevelRow, ledgerLevels } from './repository.ts';

const ROLES_READ: readonly Role[] = ['admin', 'staff', 'partner'];
/** More points than a city runs; the overview is one page. */
const MAX_POINTS = 2000;

function groupBy<T>(values: readonly T[], key: (v: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const v of values) {
    const k = key(v);
    const group = groups.get(k);
    if (group) group.push(v);
    else groups.set(k, [v]);
  }
  return groups;
}

interface PointInfo {
  id: string;
  name: string;
  active: boolean;
}

/**
 * Greedy, per item: the largest shortfall is filled first from the largest surplus. Surplus is
 * what an active point holds above its minimum, or everything an inactive point still holds.
 */
export function suggestTransfers(
  levels: LevelRow[],
  points: Map<string, PointInfo>,
): Omit<SuggestedTransfer, 'itemName'>[] {
  const byItem = groupBy(levels, (l) => l.itemId);
  const suggestions: Omit<SuggestedTransfer, 'itemName'>[] = [];
  for (const [itemId, rows] of byItem) {
    const needs = rows
      .filter((r) => points.get(r.pointId)?.active && r.level < r.minimumLevel)
      .map((r) => ({ pointId: r.pointId, amount: r.minimumLevel - r.level }))
      .sort((a, b) => b.amount - a.amount);
    const sources = rows
      .map((r) => ({
        pointId: r.pointId,
        amount: points.get(r.pointId)?.active ? r.level - r.minimumLevel : r.level,
      }))
      .filter((s) => s.amount > 0)
      .sort((a, b) => b.amount - a.amount);
    for (const need of needs) {
      for (const source of sources) {
        if (need.amount === 0) break;
        if (source.amount === 0) continue;
        const quantity = Math.min(need.amount, source.amount);
        need.amount -= quantity;
        source.amount -= quantity;
        const from = points.get(source.pointId);
        const to = points.get(need.pointId);
        if (!from || !to) continue;
        suggestions.push({
          itemId,
          fromPointId: from.id,
          fromPointName: from.name,
          toPointId: to.id,
          toPointName: to.name,
          quantity,
        });
      }
    }
  }
  return suggestions;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/overview',
    {
      config: { access: ROLES_READ },
      schema: {
        tags: ['stock-movements'],
        summary: 'Levels at every point, points below their minimum, and suggested transfers',
        description:
          'Levels are summed from the ledger in SQL. A point is active when today (Asia/Tokyo) lies in its period; ' +
          'only active points count as below minimum, and inactive points offer all their stock for transfers. ' +
          'Partners see their own points only.',
        querystring: StockOverviewQuery,
        response: { 200: StockOverview },
      },
    },
    async (request) => {
      const scope = partnerScope(request);
      const now = new Date();
      const today = tokyoParts(now).date;
      const [pointRows, levels] = await Promise.all([
        listPoints(app.db, { organisationId: scope ?? undefined, limit: MAX_POINTS, after: null }),
        ledgerLevels(app.db, { organisationId: scope, itemId: request.query.itemId }),
      ]);
      const points = new Map(
        pointRows.map((p) => [
          p.id,
          { ...p, active: p.validFrom <= today && (p.validTo === null || p.validTo >= today) },
        ]),
      );
      const itemNames = new Map(levels.map((l) => [l.itemId, l.itemName]));
      const byPoint = groupBy(levels, (l) => l.pointId);
      const belowMinimum = levels
        .filter((l) => l.belowMinimum && points.get(l.pointId)?.active)
        .map((l) => ({
          pointId: l.pointId,
          pointName: points.get(l.pointId)?.name ?? '',
          itemId: l.itemId,
          itemName: l.itemName,
          level: l.level,
          minimumLevel: l.minimumLevel,
          shortfall: l.minimumLevel - l.level,
        }))
        .sort((a, b) => b.shortfall - a.shortfall || a.pointName.localeCompare(b.pointName));
      return {
        at: now.toISOString(),
        points: [...points.values()].map((p) => ({
          pointId: p.id,
          pointName: p.name,
          kind: p.kind,
          schoolLevel: p.schoolLevel,
          organisationId: p.organisationId,
          organisationName: p.organisationName,
          active: p.active,
          items: (byPoint.get(p.id) ?? []).map(({ pointId: _, ...level }) => level),
        })),
        belowMinimum,
        suggestedTransfers: suggestTransfers(levels, points).map((s) => ({
          ...s,
          itemName: itemNames.get(s.itemId) ?? '',
        })),
      };
    },
  );
};

export default routes;
