import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/** Uploaded files live outside the web root under random names; the database holds the display name. */
export function fileStore(dir: string) {
  const pathOf = (key: string) => {
    if (!/^[a-f0-9]{32}$/.test(key)) throw new Error('Invalid storage key');
    return path.join(dir, key.slice(0, 2), key);
  };
  return {
    async save(bytes: Uint8Array): Promise<string> {
      const key = randomBytes(16).toString('hex');
      const file = pathOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, bytes, { flag: 'wx' });
      return key;
    },
    read: (key: string) => fs.readFile(pathOf(key)),
    remove: (key: string) => fs.rm(pathOf(key), { force: true }),
  };
}

export type FileStore = ReturnType<typeof fileStore>;

export async function sniffMediaType(bytes: Uint8Array): Promise<string | null> {
  return (await fileTypeFromBuffer(bytes))?.mime ?? null;
}
