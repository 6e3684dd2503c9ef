import type { Adapter, AdapterPayload } from 'oidc-provider';

type Stored = { payload: AdapterPayload; expiresAt: number };

/**
 * The test provider's storage: a map per model in this process. The library's own quick-start
 * adapter does the same but warns on every start; a test partner that lives as long as one test
 * file (or one demo run) needs nothing more.
 */
export function memoryAdapterFactory(): (name: string) => Adapter {
  const all = new Map<string, Stored>();
  return (name: string): Adapter => {
    const key = (id: string) => `${name}:${id}`;
    const live = (k: string) => {
      const s = all.get(k);
      if (!s) return undefined;
      if (s.expiresAt <= Date.now()) {
        all.delete(k);
        return undefined;
      }
      return s.payload;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        all.set(key(id), { payload, expiresAt: Date.now() + expiresIn * 1000 });
      },
      find: async (id) => live(key(id)),
      findByUserCode: async (userCode) => [...all.entries()].find(([k, s]) => k.startsWith(`${name}:`) && s.payload.userCode === userCode)?.[1].payload,
      findByUid: async (uid) => [...all.entries()].find(([k, s]) => k.startsWith(`${name}:`) && s.payload.uid === uid)?.[1].payload,
      consume: async (id) => {
        const s = all.get(key(id));
        if (s) s.payload = { ...s.payload, consumed: Math.floor(Date.now() / 1000) };
      },
      destroy: async (id) => {
        all.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const [k, s] of all) if (s.payload.grantId === grantId) all.delete(k);
      },
    };
  };
}
