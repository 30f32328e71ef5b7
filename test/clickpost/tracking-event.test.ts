import { describe, it, expect } from '@jest/globals';
import { parseClickPostTimestamp } from '../../src/clickpost/tracking-event.js';

describe('parseClickPostTimestamp', () => {
  it('reads a timestamp without a zone as India time', () => {
    expect(parseClickPostTimestamp('2018-07-07 19:34:46')).toBe(Date.parse('2018-07-07T14:04:46Z'));
    expect(parseClickPostTimestamp('2016-07-12T17:12:36.710')).toBe(Date.parse('2016-07-12T11:42:36.710Z'));
    expect(parseClickPostTimestamp('2026-11-24T00:10')).toBe(Date.parse('2026-11-23T18:40:00Z'));
  });

  it('honours Z and explicit offsets, with any fraction length', () => {
    expect(parseClickPostTimestamp('2017-08-02T13:23:02Z')).toBe(Date.parse('2017-08-02T13:23:02Z'));
    expect(parseClickPostTimestamp('2018-08-06T14:48:57.002000Z')).toBe(Date.parse('2018-08-06T14:48:57.002Z'));
    expect(parseClickPostTimestamp('2017-02-14T18:00:00+05:30')).toBe(Date.parse('2017-02-14T12:30:00Z'));
    expect(parseClickPostTimestamp('2017-02-14T18:00:00-0100')).toBe(Date.parse('2017-02-14T19:00:00Z'));
  });

  it('rejects what is not a real date and time', () => {
    for (const s of ['', 'yesterday', '2018-02-30 10:00:00', '2018-07-07 25:00:00', '07/07/2018 10:00', '2018-07-07']) {
      expect(parseClickPostTimestamp(s)).toBeNull();
    }
  });
});
