/** What a person does for a unit. A person may hold several memberships. */
export const Role = {
  /** 安委办: manages the unit and its whole subtree. */
  Committee: 'committee',
  /** 联络员: acts for the unit, sees its subtree read-only. */
  Liaison: 'liaison',
  /** Field staff: reports for the unit. */
  Staff: 'staff',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = [Role.Committee, Role.Liaison, Role.Staff];

export const ROLE_LABELS: Record<Role, string> = {
  committee: '安委办',
  liaison: '联络员',
  staff: '填报人员',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Kinds of unit in the tree, committee at the root. */
export const UnitKind = {
  Committee: 'committee',
  District: 'district',
  Department: 'department',
  Enterprise: 'enterprise',
  School: 'school',
  Hospital: 'hospital',
  Other: 'other',
} as const;
export type UnitKind = (typeof UnitKind)[keyof typeof UnitKind];
export const UNIT_KINDS: readonly UnitKind[] = Object.values(UnitKind);

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  committee: '安委会',
  district: '县区',
  department: '部门',
  enterprise: '企业',
  school: '学校',
  hospital: '医院',
  other: '其他',
};

/** Accepts a kind's code or its Chinese label (as typed in an import file). */
export function parseUnitKind(text: string): UnitKind | undefined {
  const value = text.trim();
  if ((UNIT_KINDS as readonly string[]).includes(value)) return value as UnitKind;
  const byLabel = UNIT_KINDS.find((kind) => UNIT_KIND_LABELS[kind] === value);
  if (byLabel) return byLabel;
  // Words commonly written in unit lists for the same kinds.
  const aliases: Record<string, UnitKind> = {
    安委办: 'committee',
    委员会: 'committee',
    县: 'district',
    区: 'district',
    县区: 'district',
    市直部门: 'department',
    单位: 'other',
  };
  return aliases[value];
}
