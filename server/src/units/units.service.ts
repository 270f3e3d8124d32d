import { HttpStatus, Injectable } from '@nestjs/common';
import {
  CreateUnitRequest,
  ErrorCode,
  ErrorDetail,
  Page,
  PageQuery,
  pageWindow,
  parseUnitKind,
  sortOf,
  SortQuery,
  UNIT_DEFAULT_ORDER,
  UnitSort,
  UnitDto,
  UnitKind,
  UNIT_KIND_LABELS,
  UpdateUnitRequest,
} from '@safemonth/shared';
import { Brackets, In } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { CHINESE_ORDER } from '../common/chinese-order';
import { orderRows } from '../common/paging';
import { foreignKeyViolation, isUniqueViolation } from '../database/errors';
import { isEmbedded } from '../database/data-source';
import { Database } from '../database/database.service';
import { readUnitImportFile, ImportFileError, UnitImportRow } from './unit-import-file';
import { MAX_UNIT_DEPTH, Unit } from './unit.entity';

/** Whether the unit at `path` is the unit `unitId` or below it (its path lists every unit from the root down). */
export function isAtOrBelow(path: string, unitId: string): boolean {
  return path.includes(`/${unitId}/`);
}

/** The ids of the units on a path, from the root down to the unit itself. */
export function idsOnPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** A part of the tree someone may see: one unit, or a unit and everything under it. */
export interface UnitScope {
  path: string;
  subtree: boolean;
}

export function toUnitDto(unit: Unit): UnitDto {
  return { id: unit.id, name: unit.name, code: unit.code, kind: unit.kind, parentId: unit.parentId, depth: unit.depth };
}

/**
 * `%` and `_` typed by a user are literal characters, not wildcards. `!` escapes them because it
 * is written the same way in MySQL and SQLite string literals. (Paths need no escaping: they hold
 * only UUIDs and slashes.)
 */
function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/**
 * The condition "unit `u` is the unit with path `path` or under it", its parameters named after
 * `name`. A range rather than `LIKE 'path%'`: SQLite's LIKE ignores case, so it cannot use the
 * path index, and a range reads the index on every database. Exact: a path holds only UUIDs and
 * slashes, so a unit's id is always followed by '/', and '0' comes right after '/' (in binary
 * order and in MySQL's and MariaDB's collations).
 */
function subtree(name: string, path: string): [string, Record<string, string>] {
  return [`(u.path >= :${name}From AND u.path < :${name}To)`, { [`${name}From`]: path, [`${name}To`]: `${path.slice(0, -1)}0` }];
}

/** The condition "unit `u` is neither the unit with path `path` nor under it". */
function outsideSubtree(name: string, path: string): [string, Record<string, string>] {
  return [`(u.path < :${name}From OR u.path >= :${name}To)`, { [`${name}From`]: path, [`${name}To`]: `${path.slice(0, -1)}0` }];
}

/**
 * Why another feature's data keeps a unit from being removed (a Chinese message), or null. Rows
 * that refer to the unit with a RESTRICT key need none: the delete fails on them.
 */
export type UnitRemovalCheck = (unit: Unit) => Promise<string | null>;

/**
 * Narrows a list of units: only those under the unit with path `within`, all but the unit `except`,
 * only those created before `createdBefore`, and only those meeting another feature's condition on
 * the unit `u` (`where`, e.g. NOT EXISTS over that feature's rows for `u.id`).
 */
export interface UnitFilter {
  within?: string;
  except?: string;
  createdBefore?: Date;
  where?: { sql: string; parameters: Record<string, unknown> };
}

/**
 * What another feature does when a unit moves, with everything under it, from `oldPath` to
 * `newPath` (e.g. shifting sums it keeps per ancestor); runs in the move's transaction, after the
 * paths are rewritten.
 */
export type UnitMoveHook = (moved: { unitId: string; oldPath: string; newPath: string }) => Promise<void>;

/** What the tables that refer to a unit with a RESTRICT key hold, for the refusal's message. */
const REFERRING_DATA: Record<string, string> = {
  report: '活动报告',
  campaign: '组织的活动',
  media: '上传的照片或视频',
  field_total: '统计数据',
  field_subtree_total: '统计数据',
  field_answer: '统计数据',
  manual_entry: '统计数据',
  membership: '成员',
  unit: '下级单位',
};

@Injectable()
export class UnitsService {
  private readonly removalChecks: UnitRemovalCheck[] = [];
  private readonly moveHooks: UnitMoveHook[] = [];

  constructor(private readonly database: Database) {}

  /** Registers, at start, a check another feature makes before a unit is removed. */
  onRemoval(check: UnitRemovalCheck): void {
    this.removalChecks.push(check);
  }

  /** Registers, at start, what another feature does within a unit's move. */
  onMove(hook: UnitMoveHook): void {
    this.moveHooks.push(hook);
  }

  private get units() {
    return this.database.repository(Unit);
  }

  async get(id: string): Promise<Unit> {
    const unit = await this.find(id);
    if (!unit) throw ApiException.notFound('单位不存在');
    return unit;
  }

  find(id: string): Promise<Unit | null> {
    return this.units.findOneBy({ id });
  }

  /**
   * The unit, read in the caller's transaction with its tree's root row share-locked and its own
   * row locked (shared, or exclusively when `exclusive`) until the transaction ends: every change
   * to the tree (a move rewriting paths, a removal) waits meanwhile, as it locks the root
   * exclusively first, while other such readers of the tree run alongside. The path read is
   * current. Root first, as the tree's changes lock, so that the two never deadlock.
   */
  async lockedInTree(id: string, exclusive = false): Promise<Unit> {
    // SQLite's transactions already run one at a time.
    if (isEmbedded(this.units.manager.connection)) return this.get(id);
    const read = (unitId: string, mode: 'pessimistic_read' | 'pessimistic_write') => this.units.findOne({ where: { id: unitId }, lock: { mode } });
    // A plain read, only to find the tree: locking the unit before its root would invert the order.
    let unit = await this.get(id);
    for (;;) {
      const rootId = unit.path.split('/')[1];
      await read(rootId, 'pessimistic_read');
      const current = await read(id, exclusive ? 'pessimistic_write' : 'pessimistic_read');
      if (!current) throw ApiException.notFound('单位不存在');
      // Moved to another tree before the lock was granted: lock that one too.
      if (current.path.split('/')[1] === rootId) return current;
      unit = current;
    }
  }

  /**
   * Share-locks the trees whose roots are `rootIds` until the caller's transaction ends, as
   * `lockedInTree` does one tree: no change to them (a move rewriting paths, a removal) runs
   * meanwhile, while other such readers run alongside. In id order, as changes lock several trees,
   * so that no two wait for each other in a cycle. Take them before the transaction's first plain
   * read: MySQL's transaction keeps seeing what that read saw.
   */
  async shareTrees(rootIds: string[]): Promise<void> {
    // SQLite's transactions already run one at a time.
    if (isEmbedded(this.units.manager.connection)) return;
    for (const id of [...new Set(rootIds)].sort()) await this.units.findOne({ where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  findMany(ids: string[]): Promise<Unit[]> {
    return ids.length ? this.units.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** A committee at the root of a tree; only for set-up (demo data, command line), not the API. */
  async createRoot(name: string, code?: string): Promise<Unit> {
    const unit = this.units.create({ name, code: code ?? null, kind: UnitKind.Committee, parentId: null, depth: 0 });
    unit.path = `/${unit.id}/`;
    return this.units.save(unit);
  }

  async create(request: CreateUnitRequest): Promise<Unit> {
    // The parent's path is read under its tree's lock: a move may be rewriting it.
    return this.inLockedTree(
      () => this.readOrFail(request.parentId, '单位不存在'),
      async (parent) => {
        if (parent.depth + 1 > MAX_UNIT_DEPTH) {
          throw ApiException.badRequest(`单位层级最多 ${MAX_UNIT_DEPTH + 1} 级`, [{ field: 'parentId', message: '上级单位层级过深' }]);
        }
        await this.assertFree(parent.id, request.name, request.code);
        const unit = Object.assign(new Unit(), {
          name: request.name.trim(),
          kind: request.kind,
          code: request.code?.trim() || null,
          parentId: parent.id,
          depth: parent.depth + 1,
        });
        unit.path = `${parent.path}${unit.id}/`;
        return this.unique(() => this.units.save(unit));
      },
    );
  }

  async update(id: string, request: UpdateUnitRequest): Promise<Unit> {
    // Under its tree's lock, like a move: the name is checked under the parent the unit has then,
    // and a rename and a move at the same moment run one after the other instead of deadlocking.
    return this.inLockedTree(
      () => this.readOrFail(id, '单位不存在'),
      async (unit) => {
        // A tree's top is its committee (安委办); no other unit becomes one, and it stays one.
        if (request.kind && request.kind !== unit.kind && (unit.kind === UnitKind.Committee || request.kind === UnitKind.Committee)) {
          throw ApiException.badRequest('安委办的单位类型不能更改，其他单位也不能改为安委办', [{ field: 'kind', message: '单位类型不能如此更改' }]);
        }
        const name = request.name?.trim() ?? unit.name;
        const code = request.code === undefined ? unit.code : request.code?.trim() || null;
        await this.assertFree(unit.parentId, name === unit.name ? undefined : name, code === unit.code ? undefined : (code ?? undefined));
        await this.unique(() => this.units.update({ id }, { name, code, kind: request.kind ?? unit.kind }));
        return this.units.findOneByOrFail({ id });
      },
    );
  }

  /** Moves a unit, with everything under it, below another parent. */
  async move(id: string, parentId: string): Promise<Unit> {
    // Two moves at once (A under B, B under A) would each pass the cycle check on the paths as
    // they were; under the trees' locks the second one reads what the first one made.
    const read = () => Promise.all([this.readOrFail(id, '单位不存在'), this.readOrFail(parentId, '目标上级单位不存在')]);
    return this.inLockedTree(read, async ([unit, parent]) => {
      if (parent.path.startsWith(unit.path)) {
        throw new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.UnitCycle, '不能把单位移动到它自己或它的下级单位之下', [
          { field: 'parentId', message: '目标是该单位自身或其下级' },
        ]);
      }
      if (unit.parentId === parent.id) return unit;
      const deepest = await this.units
        .createQueryBuilder('u')
        .select('MAX(u.depth)', 'depth')
        .where('u.path LIKE :prefix', { prefix: `${unit.path}%` })
        .getRawOne<{ depth: number | string }>();
      const shift = parent.depth + 1 - unit.depth;
      if (Number(deepest?.depth ?? unit.depth) + shift > MAX_UNIT_DEPTH) {
        throw ApiException.badRequest(`移动后层级将超过 ${MAX_UNIT_DEPTH + 1} 级`, [{ field: 'parentId', message: '目标层级过深' }]);
      }
      const sibling = await this.units.findOneBy({ parentId: parent.id, name: unit.name });
      if (sibling) throw ApiException.conflict(`目标上级下已有同名单位“${unit.name}”`);
      const newPath = `${parent.path}${unit.id}/`;
      // Ids are UUIDs, so the old prefix occurs nowhere in a path but at its start.
      await this.units
        .createQueryBuilder()
        .update()
        .set({ path: () => 'REPLACE(path, :oldPath, :newPath)', depth: () => `depth + ${shift}` })
        .where('path LIKE :prefix', { prefix: `${unit.path}%` })
        .setParameters({ oldPath: unit.path, newPath })
        .execute();
      await this.units.update({ id: unit.id }, { parentId: parent.id });
      for (const hook of this.moveHooks) await hook({ unitId: unit.id, oldPath: unit.path, newPath });
      return this.units.findOneByOrFail({ id: unit.id });
    });
  }

  /**
   * Removes a unit that holds nothing: no units under it, no members, no data of another feature.
   * Under its tree's lock, so no unit is created or moved under it meanwhile.
   */
  async remove(id: string): Promise<void> {
    await this.inLockedTree(
      // The unit's own row locked too, before anything else is read: another feature's insert that
      // refers to it (its key takes a shared lock on the row) either commits before, and the checks
      // below see it, or waits for this removal and then fails.
      async (inTransaction) => {
        const unit = inTransaction ? await this.database.locked(Unit, id) : await this.units.findOneBy({ id });
        if (!unit) throw ApiException.notFound('单位不存在');
        return unit;
      },
      async (unit) => {
        if (!unit.parentId) throw ApiException.conflict('最上级的安委办不能删除');
        if (await this.units.existsBy({ parentId: unit.id })) {
          throw ApiException.conflict(`“${unit.name}”下还有下级单位，请先删除或移走下级单位`);
        }
        for (const check of this.removalChecks) {
          const reason = await check(unit);
          if (reason) throw ApiException.conflict(reason);
        }
        try {
          await this.units.delete({ id: unit.id });
        } catch (error) {
          const referred = foreignKeyViolation(error);
          if (!referred) throw error;
          const what = (referred.table && REFERRING_DATA[referred.table]) ?? '活动报告、组织的活动或上传的文件等数据';
          throw ApiException.conflict(`“${unit.name}”还有${what}，不能删除`);
        }
      },
    );
  }

  /** Runs `work` on the unit under its tree's lock, so that no change to the tree runs meanwhile. */
  withTreeLocked<T>(unitId: string, work: (unit: Unit) => Promise<T>): Promise<T> {
    return this.inLockedTree(() => this.readOrFail(unitId, '单位不存在'), work);
  }

  /**
   * A page of the units within the given scopes, with the total: optionally only those whose name
   * contains `q`, only those under the unit with path `within`, and none at or under the unit with
   * path `outside` (a unit's move targets). By default in path order (parents before their
   * subtrees, a total order since a path ends with the unit's own id), read along the path index,
   * so a page costs the same whatever the tree's size; or by name (ties by id). `UnitFilter`
   * narrows it further. `after` (a path; in ascending path order only, refused with any other)
   * starts the page after that unit rather than at a page number: a cursor for a reader going
   * through the whole list, which units added or removed meanwhile do not shift.
   */
  async list(scopes: UnitScope[], filter: { q?: string; outside?: string; after?: string } & UnitFilter & PageQuery & SortQuery<UnitSort> = {}): Promise<Page<Unit>> {
    const { page, size, skip } = pageWindow(filter);
    const { sort, order } = sortOf(filter, UNIT_DEFAULT_ORDER);
    if (filter.after !== undefined && (sort !== 'path' || order !== 'asc')) throw new Error(`a cursor (after) pages units in ascending path order only, not by ${sort} ${order}`);
    if (scopes.length === 0) return { items: [], total: 0, page, size };
    const builder = this.filtered(scopes, filter);
    if (filter.outside) builder.andWhere(...outsideSubtree('outside', filter.outside));
    const q = filter.q?.trim();
    if (q) builder.andWhere("u.name LIKE :q ESCAPE '!'", { q: `%${escapeLike(q)}%` });
    if (filter.after) builder.andWhere('u.path > :after', { after: filter.after });
    const [items, total] = await orderRows(builder, [sort === 'name' ? 'u.name' : 'u.path'], 'u.id', order).offset(skip).limit(size).getManyAndCount();
    return { items, total, page, size };
  }

  /**
   * How many units within `scopes` and the filter were created before each of `instants`, in one
   * pass over the path index's range (no row per unit leaves the database). With `perChildOf` (the
   * path of `filter.within`'s unit), counted per child of that unit, keyed by the child's id (the
   * unit itself under ''); otherwise all under ''.
   */
  async countCreatedBefore(scopes: UnitScope[], filter: UnitFilter, instants: Date[], perChildOf?: string): Promise<Map<string, number[]>> {
    if (scopes.length === 0) return new Map();
    // Ids are UUIDs: a child's id is the 36 characters after its parent's path.
    const key = perChildOf ? `SUBSTR(u.path, ${perChildOf.length + 1}, 36)` : "''";
    const builder = this.filtered(scopes, filter).select(key, 'child').groupBy(key);
    instants.forEach((instant, i) =>
      builder.addSelect(`SUM(CASE WHEN u.createdAt < :before${i} THEN 1 ELSE 0 END)`, `c${i}`).setParameter(`before${i}`, instant),
    );
    const rows = await builder.getRawMany<Record<string, string | number | null>>();
    return new Map(rows.map((row) => [String(row.child ?? ''), instants.map((_, i) => Number(row[`c${i}`] ?? 0))]));
  }

  /**
   * The ids of the units within `scopes`, as a subquery for another feature's query to filter its
   * rows by unit (`… unitId IN (sql)`), so that it can page after filtering. `name` names its
   * parameters, so that one query may hold two such subqueries.
   */
  idsWithin(scopes: UnitScope[], name = 'scope'): { sql: string; parameters: Record<string, unknown> } {
    if (scopes.length === 0) return { sql: 'SELECT NULL', parameters: {} };
    const builder = this.scoped(scopes, name).select('u.id');
    return { sql: builder.getQuery(), parameters: builder.getParameters() };
  }

  private filtered(scopes: UnitScope[], filter: UnitFilter) {
    const builder = this.scoped(scopes);
    if (filter.within) builder.andWhere(...subtree('within', filter.within));
    if (filter.except) builder.andWhere('u.id <> :except', { except: filter.except });
    if (filter.createdBefore) builder.andWhere('u.createdAt < :createdBefore', { createdBefore: filter.createdBefore });
    if (filter.where) builder.andWhere(filter.where.sql, filter.where.parameters);
    return builder;
  }

  private scoped(scopes: UnitScope[], name = 'scope') {
    return this.units.createQueryBuilder('u').where(
      new Brackets((where) =>
        scopes.forEach((scope, i) =>
          scope.subtree ? where.orWhere(...subtree(`${name}${i}`, scope.path)) : where.orWhere(`u.path = :${name}${i}`, { [`${name}${i}`]: scope.path }),
        ),
      ),
    );
  }

  /** Creates every unit of an import file under `rootId`, or none when any row is wrong. */
  async importFile(rootId: string, bytes: Buffer): Promise<Unit[]> {
    const root = await this.get(rootId);
    let rows: UnitImportRow[];
    try {
      rows = await readUnitImportFile(bytes);
    } catch (error) {
      if (error instanceof ImportFileError) throw importInvalid(error.details);
      throw error;
    }
    if (rows.length === 0) throw importInvalid([{ message: '文件中没有数据行' }]);
    // Planned on the tree as it is under its lock, so no move changes the paths meanwhile.
    return this.inLockedTree(() => this.readOrFail(root.id, '单位不存在'), async (current) => {
      const existing = await this.scoped([{ path: current.path, subtree: true }]).getMany();
      const codes = rows.map((r) => r.code).filter(Boolean);
      const takenCodes = codes.length ? await this.units.find({ where: { code: In(codes) }, select: ['code'] }) : [];
      const planned = planImport(current, existing, rows, new Set(takenCodes.map((u) => u.code as string)));
      if ('errors' in planned) throw importInvalid(planned.errors);
      for (let i = 0; i < planned.units.length; i += 500) {
        await this.units.insert(planned.units.slice(i, i + 500));
      }
      return planned.units;
    });
  }

  private async assertFree(parentId: string | null, name?: string, code?: string): Promise<void> {
    if (name !== undefined && parentId && (await this.units.existsBy({ parentId, name: name.trim() }))) {
      throw ApiException.conflict(`同一上级下已有名为“${name.trim()}”的单位`, [{ field: 'name', message: '名称重复' }]);
    }
    if (code && (await this.units.existsBy({ code: code.trim() }))) {
      throw ApiException.conflict(`单位编码“${code.trim()}”已被使用`, [{ field: 'code', message: '编码重复' }]);
    }
  }

  /**
   * Runs `work` in a transaction that holds the locks of the trees of the units `read` answers,
   * with those units as they are under the locks. The locks are the trees' root rows, taken in id
   * order so that no two writers each hold one the other waits for: changes to a tree (new units,
   * moves, renames, imports) run one after another, in every process. `read` runs first, to find
   * the trees, and again once the locks are held: MySQL's transaction keeps what its first plain
   * read saw, which must come after the wait for another change to commit. A unit that has
   * meanwhile gone to another tree is refused, to be retried. `read` is told which run it is, so
   * that the second may lock rows of its own (only a transaction can).
   */
  private async inLockedTree<R extends Unit | Unit[], T>(
    read: (inTransaction: boolean) => Promise<R>,
    work: (found: R) => Promise<T>,
  ): Promise<T> {
    const rootsOf = (found: R) => [...new Set((Array.isArray(found) ? found : [found]).map((u) => u.path.split('/')[1]))].sort();
    const roots = rootsOf(await read(false));
    return this.database.transaction(async () => {
      for (const rootId of roots) await this.database.locked(Unit, rootId);
      const found = await read(true);
      if (rootsOf(found).some((rootId) => !roots.includes(rootId))) throw ApiException.conflict('单位刚被移动到另一棵单位树，请重试');
      return work(found);
    });
  }

  private async readOrFail(id: string, missing: string): Promise<Unit> {
    const unit = await this.units.findOneBy({ id });
    if (!unit) throw ApiException.notFound(missing);
    return unit;
  }

  /** Runs a write that a concurrent request may beat to a name or code. */
  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      // A concurrent request took the name or code between the check and the write.
      if (isUniqueViolation(error)) throw ApiException.conflict('单位名称或编码已被使用，请换一个');
      throw error;
    }
  }
}

function importInvalid(details: ErrorDetail[]): ApiException {
  const count = details.length;
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    ErrorCode.ImportInvalid,
    `导入文件有 ${count} 处错误，未导入任何单位，请修改后重新上传`,
    details,
  );
}

/** Parents before children, siblings in Chinese collation order. */
export function treeOrder(units: Unit[]): Unit[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = groupBy(units, (unit) => (unit.parentId && ids.has(unit.parentId) ? unit.parentId : ''));
  const ordered: Unit[] = [];
  const visit = (parentId: string) => {
    const children = (byParent.get(parentId) ?? []).sort((a, b) => CHINESE_ORDER.compare(a.name, b.name));
    for (const child of children) {
      ordered.push(child);
      visit(child.id);
    }
  };
  visit('');
  return ordered;
}

/**
 * Checks every row of an import and works out the units to create, parents first. A row's parent
 * is named by code or by name: another row of the file, or a unit already under `root`; an empty
 * parent means `root` itself.
 */
export function planImport(
  root: Unit,
  existing: Unit[],
  rows: UnitImportRow[],
  takenCodes: Set<string>,
): { units: Unit[] } | { errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const fail = (row: number, field: string, message: string) => errors.push({ row, field, message });
  const rowsByName = groupBy(rows.filter((r) => r.name), (r) => r.name);
  const rowsByCode = groupBy(rows.filter((r) => r.code), (r) => r.code);
  const existingByName = groupBy(existing, (u) => u.name);
  const existingByCode = new Map(existing.filter((u) => u.code).map((u) => [u.code as string, u]));

  type Parent = { unit: Unit } | { row: UnitImportRow };
  const parents = new Map<UnitImportRow, Parent>();
  const kinds = new Map<UnitImportRow, UnitKind>();
  for (const row of rows) {
    if (!row.name) fail(row.row, 'name', '名称不能为空');
    else if (row.name.length > 100) fail(row.row, 'name', '名称最多 100 个字');
    const kind = row.kind ? parseUnitKind(row.kind) : UnitKind.Other;
    if (!kind) fail(row.row, 'kind', `类型“${row.kind}”无效，可填：${Object.values(UNIT_KIND_LABELS).join('、')}`);
    else if (kind === UnitKind.Committee) fail(row.row, 'kind', '导入的单位不能是安委会');
    else kinds.set(row, kind);
    if (row.code) {
      if (row.code.length > 50) fail(row.row, 'code', '编码最多 50 个字符');
      if ((rowsByCode.get(row.code)?.length ?? 0) > 1) fail(row.row, 'code', `编码“${row.code}”在文件中重复`);
      else if (takenCodes.has(row.code)) fail(row.row, 'code', `编码“${row.code}”已被其他单位使用`);
    }
    const parent = resolveParent(row.parent);
    if (typeof parent === 'string') fail(row.row, 'parent', parent);
    else parents.set(row, parent);
  }

  function resolveParent(reference: string): Parent | string {
    if (!reference) return { unit: root };
    const byCode = rowsByCode.get(reference);
    if (byCode?.length === 1) return { row: byCode[0] };
    const existingCode = existingByCode.get(reference);
    if (existingCode) return { unit: existingCode };
    const candidates: Parent[] = [
      ...(rowsByName.get(reference) ?? []).map((row) => ({ row })),
      ...(existingByName.get(reference) ?? []).map((unit) => ({ unit })),
      ...(root.name === reference && !existingByName.has(reference) ? [{ unit: root }] : []),
    ];
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1) return `上级“${reference}”有重名，请改用单位编码`;
    if (takenCodes.has(reference)) return `上级“${reference}”不在本单位之下`;
    return `找不到上级单位“${reference}”`;
  }

  // Create in waves: a row is ready when its parent exists or was created in an earlier wave.
  const created = new Map<UnitImportRow, Unit>();
  const inCreationOrder: Unit[] = [];
  const siblingNames = new Set(existing.map((u) => `${u.parentId}/${u.name}`));
  let pending = rows.filter((r) => parents.has(r) && kinds.has(r) && r.name);
  while (pending.length > 0) {
    const next: UnitImportRow[] = [];
    for (const row of pending) {
      const parent = parents.get(row) as Parent;
      const parentUnit = 'unit' in parent ? parent.unit : created.get(parent.row);
      if (!parentUnit) {
        next.push(row);
        continue;
      }
      if (parentUnit.depth + 1 > MAX_UNIT_DEPTH) {
        fail(row.row, 'parent', `单位层级最多 ${MAX_UNIT_DEPTH + 1} 级`);
        continue;
      }
      const key = `${parentUnit.id}/${row.name}`;
      if (siblingNames.has(key)) {
        fail(row.row, 'name', `“${parentUnit.name}”下已有名为“${row.name}”的单位`);
        continue;
      }
      siblingNames.add(key);
      const unit = Object.assign(new Unit(), {
        name: row.name,
        code: row.code || null,
        kind: kinds.get(row) as UnitKind,
        parentId: parentUnit.id,
        depth: parentUnit.depth + 1,
      });
      unit.path = `${parentUnit.path}${unit.id}/`;
      created.set(row, unit);
      inCreationOrder.push(unit);
    }
    if (next.length === pending.length) {
      // Nothing more can be placed: each stuck row leads either into a loop or to a failed row.
      const stuck = new Set(next);
      for (const row of next) {
        const seen = new Set<UnitImportRow>();
        let current: UnitImportRow | undefined = row;
        while (current && stuck.has(current) && !seen.has(current)) {
          seen.add(current);
          current = (parents.get(current) as { row: UnitImportRow }).row;
        }
        if (current && stuck.has(current)) fail(row.row, 'parent', '上级单位关系形成循环');
        else fail(row.row, 'parent', `上级“${row.parent}”所在行有错误`);
      }
      break;
    }
    pending = next;
  }
  if (errors.length > 0) return { errors: errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
  return { units: inCreationOrder };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
