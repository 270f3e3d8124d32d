import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ContributionInput } from '@safemonth/shared';
import { EntityManager, In, Repository } from 'typeorm';
import { Contribution } from './contribution.entity';
import { FieldTotal } from './field-total.entity';

@Injectable()
export class StatisticsService {
  constructor(@InjectRepository(FieldTotal) private readonly totals: Repository<FieldTotal>) {}

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

  /** Adds `amount` to a unit's total of a field, inside the caller's transaction. */
  async add(manager: EntityManager, campaignId: string, fieldId: string, unitId: string, amount: number): Promise<void> {
    const totals = manager.getRepository(FieldTotal);
    await totals.createQueryBuilder().insert().values(totals.create({ campaignId, fieldId, unitId, total: 0 })).orIgnore().execute();
    await totals.increment({ fieldId, unitId }, 'total', amount);
  }

  /** Writes an accepted report's contributions and adds them to its unit's totals, in the caller's transaction. */
  async contribute(manager: EntityManager, campaignId: string, reportId: string, unitId: string, additions: ContributionInput[]): Promise<void> {
    const rows = additions.filter((a) => a.amount !== 0);
    if (rows.length === 0) return;
    const contributions = manager.getRepository(Contribution);
    await contributions.save(rows.map((a) => contributions.create({ reportId, unitId, fieldId: a.fieldId, amount: a.amount })));
    for (const a of rows) await this.add(manager, campaignId, a.fieldId, unitId, a.amount);
  }

  /** Takes back everything a report contributed (it was returned or deleted), in the caller's transaction. */
  async withdraw(manager: EntityManager, campaignId: string, reportId: string): Promise<void> {
    const contributions = manager.getRepository(Contribution);
    const rows = await contributions.findBy({ reportId });
    for (const c of rows) await this.add(manager, campaignId, c.fieldId, c.unitId, -c.amount);
    if (rows.length) await contributions.delete({ reportId });
  }
}
