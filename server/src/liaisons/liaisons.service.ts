import { Injectable } from '@nestjs/common';
import {
  LIAISON_FIELD_LABELS,
  LiaisonFormValues,
  LiaisonRegistrationDto,
  Page,
  PageQuery,
  pageWindow,
  validateLiaisonForm,
} from '@safemonth/shared';
import ExcelJS from 'exceljs';
import { In, Not } from 'typeorm';
import { Actor, allows, readableScopes } from '../auth/policy';
import { CampaignsService } from '../campaigns/campaigns.service';
import { ApiException } from '../common/api-exception';
import { Database } from '../database/database.service';
import type { Unit } from '../units/unit.entity';
import { treeOrder, UnitsService } from '../units/units.service';
import { LiaisonRegistration } from './liaison-registration.entity';

/** A unit's first saved liaison form in a campaign: who saved it and when. */
export interface FirstSave {
  campaignId: string;
  unitId: string;
  personId: string;
  savedAt: Date;
}

/** Told, inside the saving transaction, that a liaison form of the unit was saved in the campaign. */
export type LiaisonFormSaved = (change: { campaignId: string; unitId: string; personId: string }) => Promise<void>;

@Injectable()
export class LiaisonsService {
  private readonly savedListeners: LiaisonFormSaved[] = [];

  constructor(
    private readonly database: Database,
    private readonly campaigns: CampaignsService,
    private readonly units: UnitsService,
  ) {}

  /** Registers a listener of saved liaison forms (deliverables count the form as handed in). */
  onSaved(listener: LiaisonFormSaved): void {
    this.savedListeners.push(listener);
  }

  private get registrations() {
    return this.database.repository(LiaisonRegistration);
  }

  /** Whether any campaign's liaison form was filled in for the unit (its removal would lose them). */
  hasRegistrations(unitId: string): Promise<boolean> {
    return this.registrations.existsBy({ unitId });
  }

  /**
   * A page of the campaign's registrations, with the total: all of them for the campaign's
   * managers, for anyone else those of units they may see; `mine`: only the actor's own. In the
   * order of the unit tree (the units' paths), then oldest first.
   */
  async list(campaignId: string, actor: Actor, query: { mine?: boolean } & PageQuery): Promise<Page<LiaisonRegistrationDto>> {
    const { page, size, skip } = pageWindow(query);
    const campaign = await this.campaigns.getEntity(campaignId);
    const organizer = await this.units.get(campaign.organizingUnitId);
    const builder = this.registrations
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.unit', 'unit')
      .where('r.campaignId = :campaignId', { campaignId });
    if (!allows(actor, 'campaign.manage', organizer.path)) {
      // Filtered before the page is cut, so every page is full.
      const readable = this.units.idsWithin(readableScopes(actor));
      builder.andWhere(`r.unitId IN (${readable.sql})`, readable.parameters);
    }
    if (query.mine) builder.andWhere('r.personId = :personId', { personId: actor.personId });
    const [found, total] = await builder
      .orderBy('unit.path')
      .addOrderBy('r.createdAt')
      .addOrderBy('r.id')
      .offset(skip)
      .limit(size)
      .getManyAndCount();
    return { items: found.map((r) => toDto(r, r.unit as Unit)), total, page, size };
  }

  /** The name and phones each unit's liaisons gave on the campaign's form, oldest registration first, for those who chase them. */
  async contacts(campaignId: string, unitIds: string[]): Promise<Map<string, { name: string; mobile: string; officePhone: string }[]>> {
    const found = unitIds.length ? await this.registrations.find({ where: { campaignId, unitId: In(unitIds) }, order: { createdAt: 'ASC', id: 'ASC' } }) : [];
    const contacts = new Map<string, { name: string; mobile: string; officePhone: string }[]>();
    for (const r of found) {
      const contact = { name: r.values.name ?? '', mobile: r.values.mobile ?? '', officePhone: r.values.officePhone ?? '' };
      contacts.set(r.unitId, [...(contacts.get(r.unitId) ?? []), contact]);
    }
    return contacts;
  }

  /**
   * Each unit's first saved form in a campaign (who saved it and when), for the (campaign, unit)
   * pairs `where` holds for (a condition on the registration `r`): a page of `size` in campaign,
   * then unit order, after the pair `after`.
   */
  async firstSaves(query: { where: { sql: string; parameters: Record<string, unknown> }; after?: { campaignId: string; unitId: string }; size: number }): Promise<FirstSave[]> {
    // No earlier registration of the pair (by creation, ties by id): along the unique key's (campaignId, unitId) prefix.
    const earlier = this.registrations
      .createQueryBuilder('e')
      .select('1')
      .where('e.campaignId = r.campaignId AND e.unitId = r.unitId')
      .andWhere('(e.createdAt < r.createdAt OR (e.createdAt = r.createdAt AND e.id < r.id))');
    const builder = this.registrations
      .createQueryBuilder('r')
      .select(['r.id', 'r.campaignId', 'r.unitId', 'r.personId', 'r.createdAt'])
      .where(`NOT EXISTS (${earlier.getQuery()})`)
      .andWhere(query.where.sql, query.where.parameters);
    if (query.after) {
      builder.andWhere('(r.campaignId > :afterCampaign OR (r.campaignId = :afterCampaign AND r.unitId > :afterUnit))', {
        afterCampaign: query.after.campaignId,
        afterUnit: query.after.unitId,
      });
    }
    const found = await builder.orderBy('r.campaignId').addOrderBy('r.unitId').limit(query.size).getMany();
    return found.map((r) => ({ campaignId: r.campaignId, unitId: r.unitId, personId: r.personId, savedAt: r.createdAt }));
  }

  /** The e-mail address each liaison gave on the campaign's form, keyed `unitId/personId` (those who gave none are left out). */
  async emails(campaignId: string, unitIds: string[]): Promise<Map<string, string>> {
    const found = unitIds.length ? await this.registrations.find({ where: { campaignId, unitId: In(unitIds) }, select: ['unitId', 'personId', 'values'] }) : [];
    return new Map(found.filter((r) => r.values.email).map((r) => [`${r.unitId}/${r.personId}`, r.values.email as string]));
  }

  /** Saves the person's answers for their unit, as many times as they like, within the campaign's limit of liaisons. */
  async register(campaignId: string, personId: string, unitId: string, values: LiaisonFormValues): Promise<LiaisonRegistrationDto> {
    const { campaign, unit } = await this.campaigns.openFor(campaignId, unitId, '填写联络员信息表');
    const cleaned = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
    const problems = validateLiaisonForm(campaign.liaisonForm, cleaned as LiaisonFormValues);
    if (problems.length) throw ApiException.badRequest(`联络员信息有误：${problems[0].message}`, problems.map((p) => ({ ...p, field: `values.${p.field}` })));

    const saved = await this.database.transaction(async () => {
      const { liaisonForm } = await this.campaigns.locked(campaign.id);
      const existing = await this.registrations.findOneBy({ campaignId, unitId, personId });
      if (!existing) {
        const others = await this.registrations.countBy({ campaignId, unitId, personId: Not(personId) });
        const max = liaisonForm.maxLiaisonsPerUnit;
        if (others >= max) throw ApiException.conflict(`本单位已登记 ${others} 名联络员，本活动每单位最多 ${max} 名`);
      }
      const registration = await this.registrations.save(this.registrations.merge(existing ?? this.registrations.create({ campaignId, unitId, personId }), { values: cleaned }));
      for (const listener of this.savedListeners) await listener({ campaignId, unitId, personId });
      return registration;
    });
    return toDto(saved, unit);
  }

  /** The liaisons of every unit as an Excel workbook, in the order of the unit tree. */
  async exportWorkbook(campaignId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const campaign = await this.campaigns.getEntity(campaignId);
    const { registrations, units } = await this.load(campaignId);
    const asked = campaign.liaisonForm.fields.filter((f) => f.asked).map((f) => f.key);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('联络员信息表');
    sheet.addRow([`${campaign.title} 联络员信息表`]);
    sheet.addRow(['序号', '填报单位', ...asked.map((key) => LIAISON_FIELD_LABELS[key]), '更新时间']);
    const position = new Map(treeOrder([...units.values()]).map((unit, i) => [unit.id, i]));
    const ordered = [...registrations].sort((a, b) => (position.get(a.unitId) ?? 0) - (position.get(b.unitId) ?? 0));
    ordered.forEach((r, i) => {
      sheet.addRow([i + 1, units.get(r.unitId)?.name ?? '', ...asked.map((key) => r.values[key] ?? ''), chinaTime(r.updatedAt)]);
    });
    sheet.getRow(2).font = { bold: true };
    sheet.columns.forEach((column) => {
      column.width = 16;
    });
    return { fileName: `${campaign.title}-联络员信息表.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }

  private async load(campaignId: string) {
    const registrations = await this.registrations.find({ where: { campaignId }, order: { createdAt: 'ASC' } });
    const units = new Map((await this.units.findMany([...new Set(registrations.map((r) => r.unitId))])).map((u) => [u.id, u]));
    return { registrations, units };
  }
}

function toDto(registration: LiaisonRegistration, unit: Unit): LiaisonRegistrationDto {
  return {
    id: registration.id,
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    personId: registration.personId,
    values: registration.values,
    updatedAt: registration.updatedAt.toISOString(),
  };
}

/** `YYYY-MM-DD HH:mm` in China time, as people write it in the tables. */
function chinaTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
