import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  ACTIONS,
  activeFilterCount,
  emptyFilters,
  EVENT_TYPES,
  RESOURCE_TYPES,
  SENSITIVITIES,
  validateFilters,
  type AuditFilters,
} from '../lib/filters';
import { fromLocalInput, toLocalInput } from '../lib/time';
import { useDisplayZone } from '../lib/timeZone';
import { NameInput } from './NameInput';

const NAMED_KINDS = ['user', 'project', 'task', 'blocker'];

interface Props {
  value: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

/** Edits a draft; nothing is queried until Apply, so typing an id does not fire a request per key. */
export function FilterBar({ value, onApply }: Props) {
  const [draft, setDraft] = useState<AuditFilters>(value);
  const [errors, setErrors] = useState<ReturnType<typeof validateFilters>>({});
  const [open, setOpen] = useState(false);
  const id = useId();
  const { zone, utc } = useDisplayZone();

  useEffect(() => setDraft(value), [value]);

  const set = <K extends keyof AuditFilters>(key: K, next: AuditFilters[K]) =>
    setDraft((current) => ({ ...current, [key]: next }));

  const toggleSensitivity = (level: string) =>
    set(
      'sensitivity',
      draft.sensitivity.includes(level) ? draft.sensitivity.filter((l) => l !== level) : [...draft.sensitivity, level],
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateFilters(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) {
      onApply(draft);
    }
  };

  const reset = () => {
    setErrors({});
    setDraft(emptyFilters);
    onApply(emptyFilters);
  };

  const count = activeFilterCount(value);
  const field = (name: keyof AuditFilters) => `${id}-${name}`;
  const errorOf = (name: keyof AuditFilters) =>
    errors[name] && (
      <span className="field-error" id={`${field(name)}-error`}>
        {errors[name]}
      </span>
    );
  const described = (name: keyof AuditFilters) =>
    errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${field(name)}-error` } : {};

  // errorOf and described render nothing for a field validateFilters never flags (resource_id, from).
  const choiceField = (name: 'resource_type' | 'action', label: string, choices: readonly string[]) => (
    <div className="field">
      <label htmlFor={field(name)}>{label}</label>
      <select id={field(name)} value={draft[name]} onChange={(e) => set(name, e.target.value)}>
        <option value="">Any</option>
        {choices.map((choice) => (
          <option key={choice}>{choice}</option>
        ))}
      </select>
    </div>
  );
  // An id, or a name picked from the directory's suggestions (the filter itself is always the id).
  const nameField = (name: 'resource_id' | 'user_id' | 'project_id', label: string, kind: string | undefined) => (
    <div className="field">
      <label htmlFor={field(name)}>{label}</label>
      <NameInput
        id={field(name)}
        value={draft[name]}
        kind={kind}
        onChange={(next) => set(name, next)}
        onPick={(entry) => {
          if (name === 'resource_id' && RESOURCE_TYPES.includes(entry.resource_type)) {
            set('resource_type', entry.resource_type);
          }
        }}
        placeholder="Name or UUID"
        {...described(name)}
      />
      {errorOf(name)}
    </div>
  );
  const timeField = (name: 'from' | 'to', label: string) => (
    <div className="field">
      <label htmlFor={field(name)}>
        {label} <span className="muted">({zone})</span>
      </label>
      <input
        id={field(name)}
        type="datetime-local"
        value={toLocalInput(draft[name], utc)}
        onChange={(e) => set(name, fromLocalInput(e.target.value, utc))}
        {...described(name)}
      />
      {errorOf(name)}
    </div>
  );

  return (
    <form className={`filter-bar ${open ? 'is-open' : ''}`} onSubmit={submit} role="search" aria-label="Audit log filters">
      <button
        type="button"
        className="btn filter-toggle"
        aria-expanded={open}
        aria-controls={`${id}-fields`}
        onClick={() => setOpen(!open)}
      >
        Filters{count > 0 ? ` (${count})` : ''}
      </button>
      <div className="filter-fields" id={`${id}-fields`}>
        <div className="field">
          <label htmlFor={field('event_type')}>Event type</label>
          <select
            id={field('event_type')}
            value={draft.event_type.length > 1 ? '__many' : (draft.event_type[0] ?? '')}
            onChange={(e) => set('event_type', e.target.value ? [e.target.value] : [])}
          >
            <option value="">Any</option>
            {draft.event_type.length > 1 && <option value="__many">{draft.event_type.join(', ')}</option>}
            {EVENT_TYPES.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </div>
        {choiceField('resource_type', 'Resource type', RESOURCE_TYPES)}
        {nameField('resource_id', 'Resource id', NAMED_KINDS.includes(draft.resource_type) ? draft.resource_type : undefined)}
        {nameField('user_id', 'User id', 'user')}
        {nameField('project_id', 'Project id', 'project')}
        {choiceField('action', 'Action', ACTIONS)}
        {timeField('from', 'From')}
        {timeField('to', 'To')}
        <fieldset className="field field-sensitivity">
          <legend>Sensitivity</legend>
          <div className="toggle-group">
            {SENSITIVITIES.map((level) => (
              <label key={level} className={`toggle toggle-${level}`}>
                <input
                  type="checkbox"
                  checked={draft.sensitivity.includes(level)}
                  onChange={() => toggleSensitivity(level)}
                />
                <span>{level}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="filter-actions">
          <button type="submit" className="btn btn-primary">
            Apply filters
          </button>
          <button type="button" className="btn" onClick={reset} disabled={count === 0 && activeFilterCount(draft) === 0}>
            Reset
          </button>
        </div>
      </div>
    </form>
  );
}
