import { Decimal } from '../money/money';
import { readYearClosing, YEAR_CLOSED_EVENT_TYPE } from './year-closing';

describe('readYearClosing (the year-end close of year N, read from its stream)', () => {
  const closed = (data: unknown) => ({ type: YEAR_CLOSED_EVENT_TYPE, data });

  it('is undefined when the year was not closed', () => {
    expect(readYearClosing([{ type: 'DraftApproved', data: { version: 1 } }])).toBeUndefined();
  });

  it('reads carried projects in 元, summing a project named twice, skipping zero amounts', () => {
    const closing = readYearClosing([
      { type: 'DraftApproved', data: { version: 1 } },
      closed({
        carryOver: [
          { projectCode: 'P1', amount: '12000.50', reason: '合同未执行完' },
          { projectCode: 'P2', amount: '0' },
          { projectCode: 'P1', amount: '1000.00' },
        ],
        returned: [{ projectCode: 'P3', amount: '5.00' }],
        closedBy: 'u-finance',
        closedAt: '2025-12-31T10:00:00.000Z',
      }),
    ]);
    expect(closing).toEqual({
      carryOver: [{ projectCode: 'P1', amount: new Decimal('13000.50'), reason: '合同未执行完' }],
      closedBy: 'u-finance',
      closedAt: '2025-12-31T10:00:00.000Z',
      unreadable: [],
    });
  });

  it('the last close counts when a year was closed again', () => {
    const closing = readYearClosing([closed({ carryOver: [{ projectCode: 'P1', amount: '10.00' }] }), closed({ carryOver: [{ projectCode: 'P2', amount: '20.00' }] })]);
    expect(closing!.carryOver.map((entry) => entry.projectCode)).toEqual(['P2']);
  });

  it('reports entries it cannot read instead of guessing (numbers, negatives, missing codes, odd shapes)', () => {
    const closing = readYearClosing([
      closed({ carryOver: [{ projectCode: 'P1', amount: 10 }, { projectCode: '', amount: '1.00' }, { projectCode: 'P2', amount: '-1.00' }, 'P3', { projectCode: 'P4', amount: '4.00' }] }),
    ]);
    expect(closing!.unreadable).toEqual(['carryOver[0]', 'carryOver[1]', 'carryOver[2]', 'carryOver[3]']);
    expect(closing!.carryOver).toEqual([{ projectCode: 'P4', amount: new Decimal('4.00') }]);
    expect(readYearClosing([closed(null)])).toEqual({ carryOver: [], unreadable: [] });
  });
});
