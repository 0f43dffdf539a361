import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exportJWK } from 'jose';
import { loadOrCreateLocalKey } from './token-verifier';

describe('loadOrCreateLocalKey', () => {
  it('gives every concurrent caller on a fresh DATA_DIR the same complete key', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-key-'));
    try {
      const keys = await Promise.all(Array.from({ length: 12 }, () => loadOrCreateLocalKey(dataDir)));
      const publics = await Promise.all(keys.map(async (key) => JSON.stringify(await exportJWK(key.publicKey))));
      expect(new Set(publics).size).toBe(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
