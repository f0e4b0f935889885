import { useEffect, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { MIN_QUERY, searchNames, type DirectoryEntry } from '../api/directory';
import { useNames } from '../lib/names';
import { entityLabel } from './EntityName';

const ID_LIKE = /^[0-9a-f-]{8,}$/i;
const DEBOUNCE_MS = 250;

/** Whether the field's text is looked up as a name: 3 characters or more that do not look like (part of) an id. */
export function searchesFor(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= MIN_QUERY && !ID_LIKE.test(trimmed);
}

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  id: string;
  value: string;
  /** Restricts suggestions to one resource type (user, project, task, blocker); any when empty. */
  kind?: string;
  onChange: (value: string) => void;
  /** A suggestion was chosen: the field now holds its id. */
  onPick?: (entry: DirectoryEntry) => void;
  search?: typeof searchNames;
}

/**
 * A text field that takes an id as it is, or a name: from 3 typed characters that do not look like an id, it suggests
 * the directory's matches (ARIA combobox: arrows, Enter, Escape) and a chosen one puts its id in the field. Under an id
 * the directory knows, its name is shown.
 */
export function NameInput({ id, value, kind, onChange, onPick, search = searchNames, ...input }: Props) {
  const [options, setOptions] = useState<DirectoryEntry[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const text = value.trim();
  const lookingUp = searchesFor(text);
  const names = useNames([ID_LIKE.test(text) ? text : null]);
  const known = ID_LIKE.test(text) ? names(text) : undefined;

  useEffect(() => {
    if (!lookingUp) {
      setOptions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      search(text, kind, controller.signal).then(
        (found) => {
          if (!controller.signal.aborted) {
            setOptions(found);
            setActive(-1);
          }
        },
        () => !controller.signal.aborted && setOptions([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, kind, lookingUp, search]);

  const pick = (entry: DirectoryEntry) => {
    onChange(entry.resource_id);
    onPick?.(entry);
    setOpen(false);
    setOptions([]);
  };

  const showList = open && lookingUp && options.length > 0;
  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!showList) {
      return;
    }
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (current + step + options.length) % options.length);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const listId = `${id}-suggestions`;
  return (
    <div className="name-input">
      <input
        {...input}
        id={id}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
        }}
        onKeyDown={keyDown}
        onBlur={() => setOpen(false)}
        autoComplete="off"
        spellCheck={false}
      />
      <ul id={listId} role="listbox" className="name-suggestions" hidden={!showList} aria-label="Suggestions">
        {showList &&
          options.map((entry, index) => (
            <li
              key={`${entry.resource_type}/${entry.resource_id}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'is-active' : undefined}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(entry);
              }}
            >
              <span>{entityLabel(entry.resource_type, entry.resource_id, entry)}</span>
              <code className="muted">{entry.resource_id.slice(0, 8)}</code>
            </li>
          ))}
      </ul>
      {known && (known.name || known.email || known.erased) && (
        <span className="field-hint">{entityLabel(known.resource_type, known.resource_id, known)}</span>
      )}
    </div>
  );
}
