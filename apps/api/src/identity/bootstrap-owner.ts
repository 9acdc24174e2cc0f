// First start on an empty store: create the owner account, print its key once and keep it in
// `<data dir>/owner.key` (mode 600) so a new user can call the API at once.
import { Logger } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AlreadyExists } from '@crystalyse/domain';
import { WrongExpectedVersion } from '@crystalyse/event-store';
import { SYSTEM_ACTOR, type IdentityService } from './identity.service.js';

export const OWNER_ID = 'owner';

export async function bootstrapOwner(identity: IdentityService, dataDir: string, print: (line: string) => void): Promise<string | null> {
  if (await identity.getUser(OWNER_ID)) return null;
  const context = { actor: { userId: 'system', via: 'system' as const }, occurredAt: identity.now() };
  try {
    const { apiKey } = await identity.registerUser(SYSTEM_ACTOR, OWNER_ID, 'Owner', 'owner', context);
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'owner.key');
    await writeFile(file, `${apiKey}\n`, { mode: 0o600 });
    print(`Owner API key (shown once, also saved to ${file}):\n  ${apiKey}`);
    return apiKey;
  } catch (error) {
    // Another replica bootstrapped first: its key is the owner's.
    if (error instanceof AlreadyExists || error instanceof WrongExpectedVersion) {
      new Logger('Bootstrap').log('owner already created by another instance');
      return null;
    }
    throw error;
  }
}
