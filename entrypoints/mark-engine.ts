import { markEngineModule } from '@/src/content/engines/mark-engine';
import { registerLazyModule } from '@/src/content/lazy-scripts';

// Injected into a frame's content-script world by the background when a page needs the mark.js engine.
export default defineUnlistedScript(() => registerLazyModule('markEngine', markEngineModule));
