/** Asks for a reason, then pulls the kill switch (cancel everything, flatten, halt). */
import { type FormEvent, useState } from 'react';
import { api } from '../api/endpoints';
import type { KillView } from '../api/types';
import { Modal } from './Modal';
import { useAction } from './useAction';

interface KillSwitchDialogProps {
  readonly onClose: () => void;
  readonly onKilled: (kill: KillView) => void;
}

export function KillSwitchDialog({ onClose, onKilled }: KillSwitchDialogProps) {
  const [reason, setReason] = useState('');
  const action = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return;
    await action.run('kill', async () => onKilled(await api.kill(trimmed)));
  };

  return (
    <Modal title="Pull the kill switch?" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p>This cancels every open order, flattens every position and halts trading.</p>
        <label>
          Reason
          <input
            data-testid="kill-reason"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder="Why are you stopping trading?"
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to collect this field
            autoFocus
          />
        </label>
        {action.error && <p className="message error">{action.error}</p>}
        <div className="button-row">
          <button type="button" className="button ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button danger"
            data-testid="kill-confirm"
            disabled={!reason.trim() || action.pending !== null}
          >
            {action.pending ? 'Pulling…' : 'Kill switch'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
