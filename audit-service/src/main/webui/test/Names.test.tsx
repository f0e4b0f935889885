import { render, screen } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryEntry } from '../src/api/directory';
import { EntityName, NamedText, entityLabel } from '../src/components/EntityName';
import { FilterBar } from '../src/components/FilterBar';
import { NameInput, searchesFor } from '../src/components/NameInput';
import { NamesProvider } from '../src/lib/names';
import { emptyFilters, type AuditFilters } from '../src/lib/filters';

const MEMBER = '5ab4c3d2-0000-4000-8000-000000000001';
const TASK = '160ed3eb-0000-4000-8000-000000000002';
const ERASED = 'bc3cbd49-0000-4000-8000-000000000003';
const UNKNOWN = '9f9f9f9f-0000-4000-8000-000000000004';

const ENTRIES: DirectoryEntry[] = [
  { resource_type: 'user', resource_id: MEMBER, name: 'Member 5ab4', email: 'member-5ab4@pjctrl.example', erased: false },
  { resource_type: 'task', resource_id: TASK, name: 'Fix login bug', email: null, erased: false },
  { resource_type: 'user', resource_id: ERASED, name: null, email: null, erased: true },
];

function directory() {
  return vi.fn(async (ids: string[]) => ENTRIES.filter((e) => ids.includes(e.resource_id)));
}

afterEach(() => vi.unstubAllGlobals());

// Suggestions come after a 250 ms pause in typing: the find* calls wait for them, up to 5 s on a busy machine.
describe('EntityName', () => {
  it('shouldShowPeopleAndThingsByNameWithTheIdInTheTooltipAndOneLookupForAllOfThem', async () => {
    const lookup = directory();
    render(
      <NamesProvider lookup={lookup}>
        <EntityName type="user" id={MEMBER} link />
        <EntityName type="task" id={TASK} link />
        <EntityName type="user" id={UNKNOWN} />
      </NamesProvider>,
    );

    const member = await screen.findByText('Member 5ab4 (member-5ab4@…)');
    expect(member).toHaveAttribute('href', `/resources/user/${MEMBER}`);
    expect(member.getAttribute('title')).toContain(MEMBER);
    expect(member.getAttribute('title')).toContain('member-5ab4@pjctrl.example');
    const task = screen.getByText("task 'Fix login bug'");
    expect(task).toHaveAttribute('href', `/resources/task/${TASK}`);
    expect(task.getAttribute('title')).toContain(TASK);
    // Not known: the short id, as before names.
    expect(screen.getByText('9f9f9f9f…')).toHaveAttribute('title', `user ${UNKNOWN}`);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup.mock.calls[0][0]).toEqual([MEMBER, TASK, UNKNOWN]);
  });

  it('shouldNotShowTheNameOfAnErasedUser', async () => {
    render(
      <NamesProvider lookup={directory()}>
        <EntityName type="user" id={ERASED} />
      </NamesProvider>,
    );

    const erased = await screen.findByText('erased user');
    expect(erased).toHaveClass('is-erased');
    expect(entityLabel('user', ERASED, ENTRIES[2])).toBe('erased user');
  });

  it('shouldShowTheIdWithoutADirectory', () => {
    render(<EntityName type="task" id={TASK} />);
    expect(screen.getByText('task 160ed3eb…')).toBeInTheDocument();
  });

  it('shouldNameTheIdsInAnAlertMessage', async () => {
    render(
      <NamesProvider lookup={directory()}>
        <p data-testid="message">
          <NamedText text={`project.delete by ${MEMBER} on ${UNKNOWN}`} />
        </p>
      </NamesProvider>,
    );

    await screen.findByText('Member 5ab4 (member-5ab4@…)');
    expect(screen.getByTestId('message')).toHaveTextContent(`project.delete by Member 5ab4 (member-5ab4@…) on ${UNKNOWN}`);
  });
});

describe('NameInput', () => {
  it('shouldSuggestNamesFromThreeCharactersAndPutTheChosenId', async () => {
    const search = vi.fn(async (_q: string, _kind?: string, _signal?: AbortSignal) => ENTRIES.slice(0, 2));
    const changes: string[] = [];
    function Controlled() {
      const [value, setValue] = useState('');
      return (
        <NameInput
          id="who"
          aria-label="Who"
          value={value}
          kind="user"
          onChange={(next) => {
            changes.push(next);
            setValue(next);
          }}
          search={search}
        />
      );
    }
    render(<Controlled />);
    const user = userEvent.setup();
    const input = screen.getByRole('combobox', { name: 'Who' });

    await user.type(input, 'mem');
    const options = await screen.findAllByRole('option', {}, { timeout: 5000 });
    expect(search).toHaveBeenLastCalledWith('mem', 'user', expect.anything());
    expect(search.mock.calls.every(([q]) => q.length >= 3)).toBe(true);
    expect(options[0]).toHaveTextContent('Member 5ab4 (member-5ab4@…)');
    expect(input).toHaveAttribute('aria-expanded', 'true');

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute('aria-activedescendant', options[1].id);
    await user.keyboard('{Enter}');
    expect(input).toHaveValue(TASK);
    expect(changes.at(-1)).toBe(TASK);
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
  });

  it('shouldLookUpNamesButNotIds', () => {
    expect(searchesFor('me')).toBe(false);
    expect(searchesFor(' mem ')).toBe(true);
    expect(searchesFor('member-5ab4@')).toBe(true);
    expect(searchesFor(MEMBER)).toBe(false);
    expect(searchesFor(MEMBER.slice(0, 8))).toBe(false);
  });
});

describe('FilterBar with names', () => {
  it('shouldFilterByAResourcePickedByNameWithItsType', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      const body = url.startsWith('/api/directory/search') ? { items: [ENTRIES[1]] } : { items: [] };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    const onApply = vi.fn<(filters: AuditFilters) => void>();
    render(<FilterBar value={emptyFilters} onApply={onApply} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Resource id'), 'login');
    await user.click(await screen.findByRole('option', { name: /Fix login bug/ }, { timeout: 5000 }));
    await user.click(screen.getByRole('button', { name: 'Apply filters' }));

    expect(String(fetchMock.mock.calls.at(-1)![0])).toMatch(/^\/api\/directory\/search\?q=login&limit=8$/);
    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ resource_id: TASK, resource_type: 'task' }));
  });

  it('shouldShowTheNameOfTheIdInAFilter', async () => {
    render(
      <NamesProvider lookup={directory()}>
        <FilterBar value={{ ...emptyFilters, user_id: MEMBER }} onApply={() => {}} />
      </NamesProvider>,
    );
    expect(await screen.findByText('Member 5ab4 (member-5ab4@…)')).toHaveClass('field-hint');
  });
});

