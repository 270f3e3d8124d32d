import { Injectable } from '@nestjs/common';
import { ContributionInput } from '@safemonth/shared';
import { In, Repository } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { newId } from '../common/columns';
import { isEmbedded } from '../database/data-source';
import { Database } from '../database/database.service';
import type { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { Contribution } from './contribution.entity';
import { FieldAnswer } from './field-answer.entity';
import { FieldSubtreeTotal } from './field-subtree-total.entity';
import { FieldTotal } from './field-total.entity';
import { ManualEntry } from './manual-entry.entity';
import { TableSubmission } from './table-submission.entity';

/** What a change adds to one field's numbers: `total` counts everything, `manual` the part from manual entries. */
interface Delta {
  fieldId: string;
  total: number;
  manual: number;
}

/** A row of totals to add to (inserted when missing). */
interface TotalRow extends Delta {
  unitId: string;
  campaignId: string;
}

export interface Sums {
  total: number;
  manual: number;
}

/** A unit's own numbers in a campaign, by field: count totals and answers. */
export interface UnitSums {
  sums: Map<string, Sums>;
  answers: Map<string, AnswerValue>;
}

/** A unit's answer: true or false to a yes/no field, text to a text field (count fields take none). */
export type AnswerValue = boolean | string;

/** The ids of the units on a path, from the root down to the unit itself. */
const pathIds = (path: string) => path.split('/').filter(Boolean);

/** Rows in one global order, field then unit, so that concurrent transactions take their locks in the same order. */
const byFieldThenUnit = (a: TotalRow, b: TotalRow) =>
  a.fieldId < b.fieldId ? -1 : a.fieldId > b.fieldId ? 1 : a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0;

/** What an answer adds to its field's subtree count: yes/no fields count the yes, text fields every answer. */
const counted = (answer: AnswerValue | null) => (answer === null || answer === false ? 0 : 1);

/**
 * The numbers of the statistics tables: per unit and field, a running total (`field_total`) and
 * a total over the unit's subtree (`field_subtree_total`, for the unit and each ancestor), both
 * changed in the transaction of whatever changes them (a report accepted or taken back, a manual
 * entry, an answer, a move), so that any table, summed over any subtree, is one indexed read.
 * Each change first takes a share of its tree's lock, so that the unit's path (its ancestors)
 * stays as read until it commits, and then locks the rows it adds to in one global order.
 */
@Injectable()
export class StatisticsService {
  constructor(
    private readonly database: Database,
    private readonly units: UnitsService,
  ) {}

  private get totals() {
    return this.database.repository(FieldTotal);
  }

  private get subtreeTotals() {
    return this.database.repository(FieldSubtreeTotal);
  }

  private get contributions() {
    return this.database.repository(Contribution);
  }

  private get entries() {
    return this.database.repository(ManualEntry);
  }

  private get answers() {
    return this.database.repository(FieldAnswer);
  }

  private get submissions() {
    return this.database.repository(TableSubmission);
  }

  /**
   * The unit's table as last handed in (null before any). `latest`: within a transaction, after the
   * unit's lock, read with a lock of its own, so the latest committed (a plain read would see the
   * transaction's snapshot, which may predate the unit's lock).
   */
  async currentSubmission(campaignId: string, unitId: string, latest = false): Promise<TableSubmission | null> {
    const lock = latest && !isEmbedded(this.submissions.manager.connection) ? { lock: { mode: 'pessimistic_read' as const } } : {};
    return this.submissions.findOne({ where: { campaignId, unitId }, order: { round: 'DESC' }, ...lock });
  }

  /** A row lock for a read that must see the latest committed row (SQLite's transactions already run one at a time). */
  private latestLock() {
    return isEmbedded(this.answers.manager.connection) ? {} : { lock: { mode: 'pessimistic_write' as const } };
  }

  /** Manual entries and answers wait while the unit's table is handed in or accepted: a return opens them again. */
  private async assertOpen(campaignId: string, unitId: string): Promise<void> {
    const current = await this.currentSubmission(campaignId, unitId, true);
    if (current?.state === 'submitted') throw ApiException.conflict('统计表已报送，正在等待审核，暂不能修改；如需修改，请联系安委办退回');
    if (current?.state === 'accepted') throw ApiException.conflict('统计表已通过审核，不能再修改；如需修改，请联系安委办退回');
  }

  /** Which of these fields hold data in any unit: totals (also those back at zero) or answers. */
  async fieldsWithData(fieldIds: string[]): Promise<Set<string>> {
    if (fieldIds.length === 0) return new Set();
    const holding = (repository: Repository<{ fieldId: string }>) =>
      repository
        .createQueryBuilder('t')
        .select('DISTINCT t.fieldId', 'fieldId')
        .where({ fieldId: In(fieldIds) })
        .getRawMany<{ fieldId: string }>();
    // A field answered and then cleared keeps its (zero) subtree rows, which refer to it.
    const found = await Promise.all([holding(this.totals), holding(this.subtreeTotals), holding(this.answers)]);
    return new Set(found.flat().map((r) => r.fieldId));
  }

  /** A unit's running totals in a campaign: one indexed read, no summing of reports. */
  async unitTotals(campaignId: string, unitId: string): Promise<{ fieldId: string; total: number }[]> {
    const rows = await this.totals.find({ where: { campaignId, unitId }, select: ['fieldId', 'total'] });
    return rows.map((r) => ({ fieldId: r.fieldId, total: Number(r.total) }));
  }

  /**
   * Units' own count totals and answers in a campaign, by unit and field: one read of each for all
   * the units. `latest`: within a transaction, read with shared locks, so the latest committed rows,
   * whenever the transaction's snapshot was taken.
   */
  async unitSums(campaignId: string, unitIds: string[], latest = false): Promise<Map<string, UnitSums>> {
    const found = new Map<string, UnitSums>(unitIds.map((id) => [id, { sums: new Map(), answers: new Map() }]));
    if (unitIds.length === 0) return found;
    const locking = latest && !isEmbedded(this.totals.manager.connection);
    // Raw rows: an export reads tens of thousands of them, and entities cost more to make than the read.
    const rows = <R>(repository: Repository<FieldTotal> | Repository<FieldAnswer>, columns: string[]) => {
      const builder = repository
        .createQueryBuilder('r')
        .select(columns.map((column) => `r.${column} AS ${column}`))
        .where('r.campaignId = :campaignId AND r.unitId IN (:...unitIds)', { campaignId, unitIds });
      return (locking ? builder.setLock('pessimistic_read') : builder).getRawMany<R>();
    };
    const [totals, answers] = await Promise.all([
      rows<{ unitId: string; fieldId: string; total: number; manual: number }>(this.totals, ['unitId', 'fieldId', 'total', 'manual']),
      rows<{ unitId: string; fieldId: string; flag: number | boolean | null; text: string | null }>(this.answers, ['unitId', 'fieldId', 'flag', 'text']),
    ]);
    for (const r of totals) found.get(r.unitId)?.sums.set(r.fieldId, { total: Number(r.total), manual: Number(r.manual) });
    for (const a of answers) found.get(a.unitId)?.answers.set(a.fieldId, a.text ?? Boolean(a.flag));
    return found;
  }

  /** The units' tables as last handed in, by unit (none for a unit before its first): one read for all of them. */
  async currentSubmissions(campaignId: string, unitIds: string[]): Promise<Map<string, TableSubmission>> {
    if (unitIds.length === 0) return new Map();
    const rows = await this.submissions
      .createQueryBuilder('s')
      .where('s.campaignId = :campaignId AND s.unitId IN (:...unitIds)', { campaignId, unitIds })
      .andWhere((builder) => {
        const latest = builder.subQuery().select('MAX(l.round)').from(TableSubmission, 'l').where('l.campaignId = s.campaignId AND l.unitId = s.unitId');
        return `s.round = ${latest.getQuery()}`;
      })
      .getMany();
    return new Map(rows.map((r) => [r.unitId, r]));
  }

  /** The sums over a unit's subtree in a campaign, by field (see `FieldSubtreeTotal.total`). */
  async subtreeSums(campaignId: string, unitId: string): Promise<Map<string, Sums>> {
    const rows = await this.subtreeTotals.find({ where: { campaignId, unitId }, select: ['fieldId', 'total', 'manual'] });
    return new Map(rows.map((r) => [r.fieldId, { total: Number(r.total), manual: Number(r.manual) }]));
  }

  /** Writes an accepted report's contributions and adds them to the totals, in the caller's transaction. */
  async contribute(campaignId: string, reportId: string, unitId: string, additions: ContributionInput[]): Promise<void> {
    const rows = additions.filter((a) => a.amount !== 0);
    if (rows.length === 0) return;
    const unit = await this.units.lockedInTree(unitId);
    const made = rows.map((a) => this.contributions.create({ reportId, unitId, fieldId: a.fieldId, amount: a.amount }));
    await this.contributions.createQueryBuilder().insert().values(made).updateEntity(false).execute();
    await this.add(campaignId, unit, rows.map((a) => ({ fieldId: a.fieldId, total: a.amount, manual: 0 })));
  }

  /** Takes back everything a report contributed (it was returned or deleted), in the caller's transaction. */
  async withdraw(campaignId: string, reportId: string): Promise<void> {
    const rows = await this.contributions.findBy({ reportId });
    if (rows.length === 0) return;
    for (const unitId of new Set(rows.map((c) => c.unitId))) {
      const unit = await this.units.lockedInTree(unitId);
      await this.add(campaignId, unit, rows.filter((c) => c.unitId === unitId).map((c) => ({ fieldId: c.fieldId, total: -c.amount, manual: 0 })));
    }
    await this.contributions.delete({ reportId });
  }

  /** A unit's manual entries in a campaign, newest first. */
  manualEntries(campaignId: string, unitId: string): Promise<ManualEntry[]> {
    return this.entries.find({ where: { campaignId, unitId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Adds a manual entry to a count field of the unit (the caller checked the field), counted at once. */
  async addManualEntry(
    campaignId: string,
    unitId: string,
    input: { fieldId: string; amount: number; note: string },
    by: { personId: string; at: Date },
  ): Promise<ManualEntry> {
    return this.database.transaction(async () => {
      const unit = await this.units.lockedInTree(unitId);
      await this.assertOpen(campaignId, unitId);
      const entry = this.entries.create({ campaignId, unitId, ...input, createdById: by.personId, createdAt: by.at });
      await this.entries.insert(entry);
      await this.add(campaignId, unit, [{ fieldId: input.fieldId, total: input.amount, manual: input.amount }]);
      return entry;
    });
  }

  /** Removes a manual entry of the unit in the campaign; what it added stops counting. */
  async removeManualEntry(campaignId: string, unitId: string, entryId: string): Promise<void> {
    await this.database.transaction(async () => {
      const unit = await this.units.lockedInTree(unitId, true);
      await this.assertOpen(campaignId, unitId);
      // Under the unit's exclusive lock, which every removal of its entries takes, and read with a lock
      // of its own (the latest committed, not the transaction's snapshot): removed and subtracted once.
      const entry = await this.entries.findOne({ where: { id: entryId, campaignId, unitId }, ...this.latestLock() });
      if (!entry) throw ApiException.notFound('手工录入的记录不存在');
      await this.entries.delete({ id: entry.id });
      await this.add(campaignId, unit, [{ fieldId: entry.fieldId, total: -entry.amount, manual: -entry.amount }]);
    });
  }

  /** Sets (a value) or clears (null) a unit's answer to a yes/no or text field (the caller checked which). */
  async answer(campaignId: string, unitId: string, fieldId: string, value: AnswerValue | null, byId: string, at: Date): Promise<FieldAnswer | null> {
    return this.database.transaction(async () => {
      const unit = await this.units.lockedInTree(unitId, true);
      await this.assertOpen(campaignId, unitId);
      // Under the unit's exclusive lock, which every change to its answers takes; read with a lock of
      // its own, so the latest committed (a plain read would see the transaction's snapshot, which
      // may predate the unit's lock, and miss an answer committed while this one waited).
      const current = await this.answers.findOne({ where: { fieldId, unitId }, ...this.latestLock() });
      const before = current ? (current.text ?? Boolean(current.flag)) : null;
      let saved: FieldAnswer | null = null;
      if (value === null) {
        if (current) await this.answers.delete({ id: current.id });
      } else {
        const columns = { flag: typeof value === 'boolean' ? value : null, text: typeof value === 'string' ? value : null, answeredById: byId, answeredAt: at };
        // An update or insert as the locked read found it (save() would look the row up again with a plain read).
        if (current) {
          saved = Object.assign(current, columns);
          await this.answers.update({ id: current.id }, columns);
        } else {
          saved = this.answers.create({ campaignId, unitId, fieldId, ...columns });
          await this.answers.insert(saved);
        }
      }
      const change = counted(value) - counted(before);
      if (change !== 0) await this.addToSubtrees(campaignId, unit, [{ fieldId, total: change, manual: 0 }]);
      return saved;
    });
  }

  /**
   * Within a unit's move (its trees locked, the paths rewritten): its subtree's sums leave the
   * ancestors it had and join those it now has. Every change to sums in a tree holds a share of
   * the tree's lock (`UnitsService.lockedInTree`), so none is under way and all are in what the
   * move reads.
   */
  async moved(unitId: string, oldPath: string, newPath: string): Promise<void> {
    const rows = await this.subtreeTotals.findBy({ unitId });
    const before = pathIds(oldPath);
    const after = pathIds(newPath);
    const leaving = before.filter((id) => !after.includes(id));
    const joining = after.filter((id) => !before.includes(id));
    const shifted = rows
      .filter((r) => Number(r.total) !== 0 || Number(r.manual) !== 0)
      .flatMap((r) => [
        ...leaving.map((ancestor) => ({ fieldId: r.fieldId, unitId: ancestor, campaignId: r.campaignId, total: -r.total, manual: -r.manual })),
        ...joining.map((ancestor) => ({ fieldId: r.fieldId, unitId: ancestor, campaignId: r.campaignId, total: Number(r.total), manual: Number(r.manual) })),
      ]);
    await this.upsert(FieldSubtreeTotal, shifted);
  }

  /** Adds count amounts to the unit's own totals and to the subtree totals of it and its ancestors. */
  private async add(campaignId: string, unit: Unit, deltas: Delta[]): Promise<void> {
    await this.upsert(FieldTotal, deltas.map((d) => ({ ...d, unitId: unit.id, campaignId })));
    await this.addToSubtrees(campaignId, unit, deltas);
  }

  private async addToSubtrees(campaignId: string, unit: Unit, deltas: Delta[]): Promise<void> {
    await this.upsert(
      FieldSubtreeTotal,
      deltas.flatMap((d) => pathIds(unit.path).map((unitId) => ({ ...d, unitId, campaignId }))),
    );
  }

  /**
   * Adds to rows of totals, inserting the missing ones, in one statement and in field-then-unit
   * order, so that concurrent transactions (accepts in sibling units adding to their common
   * ancestors) queue on each row instead of deadlocking. An upsert locks a row exclusively at
   * once; an update-then-insert would take a gap lock first, on which two first inserts deadlock.
   */
  private async upsert(entity: typeof FieldTotal | typeof FieldSubtreeTotal, rows: TotalRow[]): Promise<void> {
    const merged = new Map<string, TotalRow>();
    for (const row of rows) {
      const key = `${row.fieldId}/${row.unitId}`;
      const seen = merged.get(key);
      merged.set(key, seen ? { ...seen, total: seen.total + row.total, manual: seen.manual + row.manual } : { ...row });
    }
    const sorted = [...merged.values()].filter((r) => r.total !== 0 || r.manual !== 0).sort(byFieldThenUnit);
    if (sorted.length === 0) return;
    const repository = this.database.repository<FieldTotal | FieldSubtreeTotal>(entity);
    const { driver } = repository.manager.connection;
    const name = (identifier: string) => driver.escape(identifier);
    const columns = ['id', 'fieldId', 'unitId', 'campaignId', 'total', 'manual'];
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const parameters = sorted.flatMap((r) => [newId(), r.fieldId, r.unitId, r.campaignId, r.total, r.manual]);
    const sqlite = isEmbedded(repository.manager.connection);
    const sum = (column: string) =>
      sqlite ? `${name(column)} = ${name(column)} + excluded.${name(column)}` : `${name(column)} = ${name(column)} + VALUES(${name(column)})`;
    const onConflict = sqlite
      ? `ON CONFLICT (${name('fieldId')}, ${name('unitId')}) DO UPDATE SET`
      : 'ON DUPLICATE KEY UPDATE';
    await repository.query(
      `INSERT INTO ${name(repository.metadata.tableName)} (${columns.map(name).join(', ')}) VALUES ${sorted.map(() => tuple).join(', ')} ${onConflict} ${sum('total')}, ${sum('manual')}`,
      parameters,
    );
  }
}
