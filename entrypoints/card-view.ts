import { cardViewModule } from '@/src/content/card-view';
import { registerCardView } from '@/src/content/card-view-loader';

// Injected into a frame's content-script world by the background when the card is first needed.
export default defineUnlistedScript(() => registerCardView(cardViewModule));
