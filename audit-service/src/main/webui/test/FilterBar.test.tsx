import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FilterBar } from '../src/components/FilterBar';
import { emptyFilters, filtersFromSearch, filtersToSearch, type AuditFilters } from '../src/lib/filters';

const USER = '0b8f6a52-3c1d-4e7f-9a2b-5c6d7e8f9a0b';

function renderBar(value: AuditFilters = emptyFilters) {
  const onApply = vi.fn<(filters: AuditFilters) => void>();
  render(<FilterBar value={value} onApply={onApply} />);
  return { onApply, user: userEvent.setup() };
}

describe('FilterBar', () => {
  it('shouldShowTheFiltersTakenFromTheUrl', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(`event_type=task.update&resource_type=task&resource_id=T-1&user_id=${USER}&sensitivity=high`),
    );
    renderBar(filters);

    expect(screen.getByLabelText('Event type')).toHaveValue('task.update');
    expect(screen.getByLabelText('Resource type')).toHaveValue('task');
    expect(screen.getByLabelText('Resource id')).toHaveValue('T-1');
    expect(screen.getByLabelText('User id')).toHaveValue(USER);
    expect(screen.getByRole('checkbox', { name: 'high' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'low' })).not.toBeChecked();
  });

  it('shouldApplyTheEditedFiltersWithTheApiParameterNames', async () => {
    const { onApply, user } = renderBar();

    await user.selectOptions(screen.getByLabelText('Event type'), 'project.delete');
    await user.selectOptions(screen.getByLabelText('Resource type'), 'project');
    await user.type(screen.getByLabelText('Resource id'), 'P-42');
    await user.type(screen.getByLabelText('User id'), USER);
    await user.selectOptions(screen.getByLabelText('Action'), 'delete');
    await user.click(screen.getByRole('checkbox', { name: 'high' }));
    await user.click(screen.getByRole('checkbox', { name: 'critical' }));
    expect(onApply).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(onApply).toHaveBeenCalledTimes(1);
    const applied = onApply.mock.calls[0][0];
    expect(filtersToSearch(applied).toString()).toBe(
      `event_type=project.delete&resource_type=project&resource_id=P-42&user_id=${USER}&action=delete&sensitivity=high&sensitivity=critical`,
    );
  });

  it('shouldApplyOnEnterFromAnyField', async () => {
    const { onApply, user } = renderBar();

    await user.type(screen.getByLabelText('Resource id'), 'T-7{Enter}');

    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ resource_id: 'T-7' }));
  });

  it.each([
    ['User id', 'user_id'],
    ['Project id', 'project_id'],
  ] as const)('shouldRejectAnIdThatIsNotAUuidWithoutQuerying (%s)', async (label, key) => {
    const { onApply, user } = renderBar();

    await user.type(screen.getByLabelText(label), 'alice');
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(onApply).not.toHaveBeenCalled();
    expect(screen.getByText(`${label} must be a UUID`)).toBeInTheDocument();
    expect(screen.getByLabelText(label)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Resource id')).not.toHaveAttribute('aria-invalid');

    await user.clear(screen.getByLabelText(label));
    await user.type(screen.getByLabelText(label), USER);
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ [key]: USER }));
  });

  it('shouldRejectADateRangeThatEndsBeforeItStarts', async () => {
    const { onApply, user } = renderBar({
      ...emptyFilters,
      from: '2026-03-02T10:00:00.000Z',
      to: '2026-03-01T10:00:00.000Z',
    });

    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(onApply).not.toHaveBeenCalled();
    expect(screen.getByText('"To" must be after "From"')).toBeInTheDocument();
  });

  it('shouldClearEveryFilterOnReset', async () => {
    const { onApply, user } = renderBar(filtersFromSearch(new URLSearchParams('action=update&sensitivity=low')));

    await user.click(screen.getByRole('button', { name: 'Reset' }));

    expect(onApply).toHaveBeenCalledWith(emptyFilters);
    expect(screen.getByLabelText('Action')).toHaveValue('');
    expect(screen.getByRole('checkbox', { name: 'low' })).not.toBeChecked();
  });

  it('shouldRoundTripRepeatedParametersThroughTheUrl', () => {
    const search = new URLSearchParams(
      'event_type=task.create&event_type=task.delete&sensitivity=low&sensitivity=critical&from=2026-01-01T00:00:00.000Z',
    );

    expect(filtersToSearch(filtersFromSearch(search)).toString()).toBe(search.toString());
  });
});
