import { useMemo } from 'preact/hooks';
import type { CompiledPack } from '@/src/core/pack/compile';
import type { PackLibrary } from '@/src/core/pack/library';
import { pack as bundledPack } from '@/src/pack/bundled';
import {
  libraryFrom,
  loadUserPacks,
  updateUserPacks,
  watchUserPacks,
  type UserPacks,
} from '@/src/storage/user-packs';
import { useWatchedValue } from './use-watched-value';

/** Where the extension pages read and change the imported packs; storage in the extension, fakes in tests. */
export interface UserPacksStore {
  load(): Promise<UserPacks>;
  update(change: (current: UserPacks) => UserPacks): Promise<UserPacks>;
  watch(onChange: (userPacks: UserPacks) => void): () => void;
}

export const storageUserPacks: UserPacksStore = { load: loadUserPacks, update: updateUserPacks, watch: watchUserPacks };

/**
 * The user packs, kept live with changes made elsewhere (another options window). Undefined until
 * first loaded. The setter lets a page show its own change before storage echoes it.
 */
export function useUserPacks(store: UserPacksStore = storageUserPacks): [UserPacks | undefined, (next: UserPacks) => void] {
  return useWatchedValue(store.load, store.watch, 'the imported packs');
}

/**
 * The packs in use (bundled unless switched off, plus every enabled imported pack that compiles),
 * rebuilt whenever they change. Undefined until first loaded.
 */
export function useLibrary(store: UserPacksStore = storageUserPacks, bundled: CompiledPack = bundledPack): PackLibrary | undefined {
  const [userPacks] = useUserPacks(store);
  return useMemo(() => (userPacks ? libraryFrom(userPacks, bundled) : undefined), [userPacks, bundled]);
}
