import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DiffView } from '../src/components/DiffView';

function rowOf(field: string): HTMLElement {
  return screen.getByRole('rowheader', { name: field }).closest('tr')!;
}

describe('DiffView', () => {
  it('shouldShowEachFieldWithItsOldAndNewValue', () => {
    render(
      <DiffView
        changes={{
          status: { old: 'todo', new: 'done' },
          priority: { old: 2, new: 3 },
        }}
      />,
    );

    const status = rowOf('status');
    expect(within(status).getByText('todo').closest('td')).toHaveClass('diff-old');
    expect(within(status).getByText('done').closest('td')).toHaveClass('diff-new');
    expect(within(rowOf('priority')).getByText('2')).toBeInTheDocument();
    expect(within(rowOf('priority')).getByText('3')).toBeInTheDocument();
  });

  it('shouldShowAnErasedPersonalValueAsErased', () => {
    render(<DiffView changes={{ email: { old: { $erased: true }, new: 'new@example.com' } }} />);

    const email = rowOf('email');
    expect(within(email).getByText('erased').closest('td')).toHaveClass('diff-erased');
    expect(within(email).getByText('new@example.com')).toBeInTheDocument();
  });

  it('shouldListFieldsAlphabetically', () => {
    render(<DiffView changes={{ title: { old: 'a', new: 'b' }, assignee: { old: null, new: 'u1' }, due: { new: 'x' } }} />);

    const fields = screen.getAllByRole('rowheader').map((cell) => cell.textContent);
    expect(fields).toEqual(['assignee', 'due', 'title']);
  });

  it('shouldTellAnExplicitNullFromAFieldThatWasNotSet', () => {
    render(<DiffView changes={{ assignee: { old: null, new: 'u1' }, title: { new: 'Ship it' } }} />);

    expect(within(rowOf('assignee')).getByText('null')).toBeInTheDocument();
    expect(within(rowOf('title')).getByText('not set')).toBeInTheDocument();
    expect(within(rowOf('title')).getByText('Ship it')).toBeInTheDocument();
  });

  it('shouldRenderStructuredValuesAsJson', () => {
    render(<DiffView changes={{ labels: { old: ['a'], new: ['a', 'b'] } }} />);

    const cells = within(rowOf('labels')).getAllByText(/\[/);
    expect(cells.map((cell) => JSON.parse(cell.textContent!))).toEqual([['a'], ['a', 'b']]);
  });

  it('shouldSayWhenNoFieldChanged', () => {
    render(<DiffView changes={{}} />);

    expect(screen.getByText('No field changes recorded.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
