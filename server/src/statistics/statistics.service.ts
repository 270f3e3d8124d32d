import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
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

  /** Adds `amount` to a unit's total of a field, inside the caller's transaction. */
  async add(manager: EntityManager, fieldId: string, unitId: string, amount: number): Promise<void> {
    const totals = manager.getRepository(FieldTotal);
    await totals.createQueryBuilder().insert().values(totals.create({ fieldId, unitId, total: 0 })).orIgnore().execute();
    await totals.increment({ fieldId, unitId }, 'total', amount);
  }
}
