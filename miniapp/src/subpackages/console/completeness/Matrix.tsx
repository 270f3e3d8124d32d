import { Fragment, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { INSTANCE_STATUS_LABELS, type DeliverableInstanceStatusDto, type InstanceStatus, type UnitStatusRowDto, type UnitSummary } from '@safemonth/shared';
import { HANDED_IN, instanceLabel, statusClass } from './model';

/** A cell of the matrix: a unit's status on one instance (by its index in the instances). */
export interface Cell {
  unit: UnitSummary;
  instance: DeliverableInstanceStatusDto;
}

interface MatrixProps {
  instances: DeliverableInstanceStatusDto[];
  rows: UnitStatusRowDto[];
  /** Whether to draw the wide table (desktop) or a list per unit (phones). */
  wide: boolean;
  /** The cell opened, and what shows under its unit (its hand-in). */
  opened: Cell | undefined;
  detail: ReactNode;
  /** Opens what a unit handed in for an instance. */
  onCell: (cell: Cell) => void;
  /** Shows the subtree of a unit instead. */
  onUnit: (unit: UnitSummary) => void;
}

const sameCell = (a: Cell | undefined, unit: UnitSummary, instance: DeliverableInstanceStatusDto) =>
  a !== undefined && a.unit.id === unit.id && a.instance.deliverableId === instance.deliverableId && a.instance.periodKey === instance.periodKey;

/** One status, coloured; a tap opens the hand-in behind it (only where there is one). */
function StatusCell({ status, open, opened, label }: { status: InstanceStatus; open: () => void; opened: boolean; label: string }) {
  const handedIn = HANDED_IN.includes(status);
  return (
    <View
      className={`matrix__cell ${statusClass(status)}${handedIn ? ' matrix__cell--open' : ''}${opened ? ' matrix__cell--opened' : ''}`}
      role='cell'
      aria-label={`${label}：${INSTANCE_STATUS_LABELS[status]}`}
      onClick={handedIn ? open : undefined}
    >
      <Text>{INSTANCE_STATUS_LABELS[status]}</Text>
    </View>
  );
}

/**
 * The units × instances matrix of a subtree, a page of units at a time, each cell coloured by the
 * unit's status: a wide table on the desktop (unit names stay in view as it scrolls sideways), a
 * list of statuses per unit on phones.
 */
export function Matrix({ instances, rows, wide, opened, detail, onCell, onUnit }: MatrixProps) {
  const detailOf = (row: UnitStatusRowDto) => (opened?.unit.id === row.unit.id ? <View className='matrix__detail'>{detail}</View> : null);
  if (wide) {
    return (
      <View className='matrix' role='table' aria-label='完成情况矩阵'>
        <View className='matrix__row matrix__row--head' role='row'>
          <View className='matrix__unit' role='columnheader'>
            <Text>单位</Text>
          </View>
          {instances.map((instance) => (
            <View className='matrix__head' role='columnheader' key={`${instance.deliverableId}/${instance.periodKey}`}>
              <Text>{instanceLabel(instance)}</Text>
            </View>
          ))}
        </View>
        {rows.map((row) => (
          <Fragment key={row.unit.id}>
            <View className='matrix__row' role='row'>
              <View className='matrix__unit' role='rowheader'>
                <Text className='link' onClick={() => onUnit(row.unit)}>
                  {row.unit.name}
                </Text>
              </View>
              {instances.map((instance, index) => (
                <StatusCell
                  key={`${instance.deliverableId}/${instance.periodKey}`}
                  status={row.statuses[index]}
                  label={`${row.unit.name} ${instanceLabel(instance)}`}
                  opened={sameCell(opened, row.unit, instance)}
                  open={() => onCell({ unit: row.unit, instance })}
                />
              ))}
            </View>
            {detailOf(row)}
          </Fragment>
        ))}
      </View>
    );
  }
  return (
    <View className='matrix-list'>
      {rows.map((row) => (
        <View className='matrix-list__unit' key={row.unit.id}>
          <Text className='row__title link' onClick={() => onUnit(row.unit)}>
            {row.unit.name}
          </Text>
          {instances.map((instance, index) => (
            <View className='matrix-list__line' key={`${instance.deliverableId}/${instance.periodKey}`} role='row'>
              <Text className='matrix-list__instance'>{instanceLabel(instance)}</Text>
              <StatusCell
                status={row.statuses[index]}
                label={`${row.unit.name} ${instanceLabel(instance)}`}
                opened={sameCell(opened, row.unit, instance)}
                open={() => onCell({ unit: row.unit, instance })}
              />
            </View>
          ))}
          {detailOf(row)}
        </View>
      ))}
    </View>
  );
}
