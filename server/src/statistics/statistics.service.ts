import { Injectable } from '@nestjs/common';
import { ContributionInput } from '@safemonth/shared';
import { In } from 'typeorm';
import { Database } from '../database/database.service';
import { Contribution } from './contribution.entity';
import { FieldTotal } from './field-total.entity';

@Injectable()
export class StatisticsService {
  constructor(private readonly database: Database) {}

  private get totals() {
    return this.database.repository(FieldTotal);
  }

  private get contributions() {
    return this.database.repository(Contribution);
  }

  /** Which of these fields hold data in any unit. */
  async fieldsWithData(fieldIds: string[]): Promise<Set<string>> {
    if (fieldIds.length === 0) return new Set();
    const rows = await this.totals
      .createQueryBuilder('t')
      .select('DISTINCT t.fieldId', 'fieldId')
      .where({ fieldId: In(fieldIds) })
      .getRawMany<{ fieldId: string }>();
    return new Set(rows.map((r) => r.fieldId));
  }

  /** A unit's running totals in a campaign: one indexed read, no summing of reports. */
  async unitTotals(campaignId: string, unitId: string): Promise<{ fieldId: string; total: number }[]> {
    const rows = await this.totals.find({ where: { campaignId, unitId }, select: ['fieldId', 'total'] });
    return rows.map((r) => ({ fieldId: r.fieldId, total: Number(r.total) }));
  }

  /** Writes an accepted report's contributions and adds them to its unit's totals, in the caller's transaction. */
  async contribute(campaignId: string, reportId: string, unitId: string, additions: ContributionInput[]): Promise<void> {
    const rows = additions.filter((a) => a.amount !== 0);
    if (rows.length === 0) return;
    const made = rows.map((a) => this.contributions.create({ reportId, unitId, fieldId: a.fieldId, amount: a.amount }));
    await this.contributions.createQueryBuilder().insert().values(made).updateEntity(false).execute();
    await this.addAll(campaignId, unitId, rows);
  }

  /** Takes back everything a report contributed (it was returned or deleted), in the caller's transaction. */
  async withdraw(campaignId: string, reportId: string): Promise<void> {
    const rows = await this.contributions.findBy({ reportId });
    if (rows.length === 0) return;
    for (const unitId of new Set(rows.map((c) => c.unitId))) {
      await this.addAll(campaignId, unitId, rows.filter((c) => c.unitId === unitId).map((c) => ({ fieldId: c.fieldId, amount: -c.amount })));
    }
    await this.contributions.delete({ reportId });
  }

  /**
   * Adds amounts to a unit's totals, in field-id order: concurrent transactions on one unit then
   * take the totals rows' locks in the same order, so they queue instead of deadlocking. An
   * existing row is updated in place (an exclusive lock at once); a missing one is inserted first.
   */
  private async addAll(campaignId: string, unitId: string, amounts: ContributionInput[]): Promise<void> {
    const sorted = [...amounts].sort((a, b) => (a.fieldId < b.fieldId ? -1 : a.fieldId > b.fieldId ? 1 : 0));
    for (const { fieldId, amount } of sorted) {
      const updated = await this.totals.increment({ fieldId, unitId }, 'total', amount);
      if (updated.affected) continue;
      await this.totals.createQueryBuilder().insert().values(this.totals.create({ campaignId, fieldId, unitId, total: 0 })).orIgnore().updateEntity(false).execute();
      await this.totals.increment({ fieldId, unitId }, 'total', amount);
    }
  }
}
