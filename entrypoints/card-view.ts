import { cardViewModule } from '@/src/content/card-view';
import { registerLazyModule } from '@/src/content/lazy-scripts';

// Injected into a frame's content-script world by the background when the card is first needed.
export default defineUnlistedScript(() => registerLazyModule('cardView', cardViewModule));
