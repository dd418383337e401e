/** When a log's file was opened (support/trace/opened.ts): its banner's Local time, else its name's; nothing for a trace without either. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logOpenedAt, openedOf } from './opened';

const BANNER = 'Application name: SIP_P\nApplication type: TServer (1)\nLocal time:       2026-02-02T13:54:59.852\nFile:             (1) D:\\gcti_logs\\SIP_P\\SIP_P-001.20260202_135459_850.log\n\n';
const DUMP = '@13:55:01.1230 [0] 8.1.103.07 distribute_event: message EventRinging\n\tAttributeThisDN\t\'7001\'\n';

describe('the time a log was opened', () => {
  it('is the banner\'s Local time; else the time in the file\'s name; else none', () => {
    assert.equal(openedOf('SIP_P-001.20260202_135459_850.log', BANNER + DUMP), '2026-02-02T13:54:59.852');
    assert.equal(openedOf('whatever.log', BANNER + DUMP), '2026-02-02T13:54:59.852', 'the banner, whatever the name');
    assert.equal(openedOf('/logs/SIP_P.20260202_135459_850.log', DUMP), '2026-02-02T13:54:59.850', 'no banner: the name');
    assert.equal(openedOf('excerpt.log', DUMP), undefined);
    assert.equal(openedOf('trace_20260202_135459_850.log', '{"kind":"event","name":"EventRinging"}\n'), undefined, 'an NDJSON trace: no opening time, whatever its name');
    assert.equal(openedOf('excerpt.log', `${DUMP}Local time:       2026-02-02T13:54:59.852\n`), undefined, 'a Local time after the first record is not the banner');
    assert.equal(openedOf('excerpt.log', '2026-02-02T13:55:00.100 Trc 04541 RequestMakeCall received from [12]\nLocal time:       2026-02-02T13:54:59.852\n'), undefined);
  });

  it('reads it from a file on disk; a file that cannot be read has none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmc-opened-'));
    try {
      const file = join(dir, 'SIP_P-002.20260202_140000_001.log');
      writeFileSync(file, BANNER.replace('13:54:59.852', '14:00:00.003') + DUMP);
      assert.equal(await logOpenedAt(file), '2026-02-02T14:00:00.003');
      assert.equal(await logOpenedAt(join(dir, 'none.log')), undefined);
      assert.equal(await logOpenedAt(dir), undefined, 'a directory');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
