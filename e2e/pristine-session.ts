// The specs share one `memscope serve` (global-setup), one session, which keeps what the last test
// left. Edits it applied but never saved are the session's unsaved edits (SequenceView.savedText),
// so the next test's open of a demo or module asked "Discard unsaved edits?" and never opened.
// Each test starts with them discarded, as that question's "Discard edits" would.

import type { SessionView } from '../src-main/shared/contract.ts';
import { connectClient } from '../src-main/web/testing/serve-process.ts';
import { appUrl } from './helpers.ts';

/** Puts the shared session's sequence back to its saved text when an earlier test left edits in it. */
export async function discardEditsLeft(): Promise<void> {
  const client = await connectClient({ url: appUrl() });
  try {
    const view = await client.request<SessionView | null>('getSession', {});
    if (!view.ok) throw new Error(`the shared session could not be read: ${view.error.code}: ${view.error.message}`);
    const sequence = view.value?.sequence;
    if (sequence?.savedText === undefined) return;
    const set = await client.request('setSequence', { name: sequence.name, text: sequence.savedText, saved: true });
    if (!set.ok) throw new Error(`the edits an earlier test left in ${sequence.name} could not be discarded: ${set.error.code}: ${set.error.message}`);
  } finally {
    client.ws.close();
  }
}
