import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Drawer } from '../src/components/Drawer';

function Page() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button">Before</button>
      <button type="button" onClick={() => setOpen(true)}>
        Open details
      </button>
      <button type="button">After</button>
      {open && (
        <Drawer title="Entry" onClose={() => setOpen(false)}>
          <a href="#proof">Proof</a>
          <button type="button" disabled>
            Disabled
          </button>
          <input aria-label="Note" />
        </Drawer>
      )}
    </>
  );
}

describe('Drawer', () => {
  it('shouldKeepTabAndShiftTabInsideAndReturnFocusToTheOpenerOnEscape', async () => {
    const user = userEvent.setup();
    render(<Page />);
    const opener = screen.getByRole('button', { name: 'Open details' });
    await user.click(opener);

    const dialog = screen.getByRole('dialog', { name: 'Entry' });
    expect(dialog).toHaveFocus();
    const close = screen.getByRole('button', { name: 'Close details' });
    const proof = screen.getByRole('link', { name: 'Proof' });
    const note = screen.getByLabelText('Note');

    await user.tab();
    expect(close).toHaveFocus();
    await user.tab();
    expect(proof).toHaveFocus();
    await user.tab();
    expect(note).toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus(); // wrapped from the last to the first, never to "After"
    await user.tab({ shift: true });
    expect(note).toHaveFocus(); // and back from the first to the last, never to "Open details"
    await user.tab({ shift: true });
    expect(proof).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('shouldMoveShiftTabFromThePanelItselfToItsLastElement', async () => {
    const user = userEvent.setup();
    render(<Page />);
    await user.click(screen.getByRole('button', { name: 'Open details' }));
    expect(screen.getByRole('dialog')).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByLabelText('Note')).toHaveFocus();
  });
});
