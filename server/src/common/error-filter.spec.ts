import { QueryFailedError } from 'typeorm';
import { toApiError } from './error-filter';

const driverFailure = (code: string, errno: number, message: string) => new QueryFailedError('UPDATE …', [], Object.assign(new Error(message), { code, errno }));

describe('toApiError', () => {
  it('answers a lock conflict that reached the request (outside a retried transaction) with 503 DATABASE_BUSY', () => {
    for (const error of [
      driverFailure('ER_LOCK_DEADLOCK', 1213, 'Deadlock found when trying to get lock'),
      driverFailure('ER_LOCK_WAIT_TIMEOUT', 1205, 'Lock wait timeout exceeded'),
    ]) {
      expect(toApiError(error)).toEqual({ status: 503, body: { error: { code: 'DATABASE_BUSY', message: '系统繁忙，请稍后重试' } } });
    }
  });

  it('answers a unique-key violation with 409 and anything unknown with 500, never with the driver\'s words', () => {
    expect(toApiError(driverFailure('ER_DUP_ENTRY', 1062, "Duplicate entry 'x'")).status).toBe(409);
    expect(toApiError(new Error('something broke'))).toEqual({ status: 500, body: { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } } });
  });
});
