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
        <div className="field">
          <label htmlFor={field('resource_type')}>Resource type</label>
          <select id={field('resource_type')} value={draft.resource_type} onChange={(e) => set('resource_type', e.target.value)}>
            <option value="">Any</option>
            {RESOURCE_TYPES.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={field('resource_id')}>Resource id</label>
          <input
            id={field('resource_id')}
            value={draft.resource_id}
            onChange={(e) => set('resource_id', e.target.value)}
            placeholder="e.g. 3f2c…"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor={field('user_id')}>User id</label>
          <input
            id={field('user_id')}
            value={draft.user_id}
            onChange={(e) => set('user_id', e.target.value)}
            placeholder="UUID"
            autoComplete="off"
            spellCheck={false}
            {...described('user_id')}
          />
          {errorOf('user_id')}
        </div>
        <div className="field">
          <label htmlFor={field('project_id')}>Project id</label>
          <input
            id={field('project_id')}
            value={draft.project_id}
            onChange={(e) => set('project_id', e.target.value)}
            placeholder="UUID"
            autoComplete="off"
            spellCheck={false}
            {...described('project_id')}
          />
          {errorOf('project_id')}
        </div>
        <div className="field">
          <label htmlFor={field('action')}>Action</label>
          <select id={field('action')} value={draft.action} onChange={(e) => set('action', e.target.value)}>
            <option value="">Any</option>
            {ACTIONS.map((action) => (
              <option key={action}>{action}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={field('from')}>From</label>
          <input
            id={field('from')}
            type="datetime-local"
            value={toLocalInput(draft.from)}
            onChange={(e) => set('from', fromLocalInput(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor={field('to')}>To</label>
          <input
            id={field('to')}
            type="datetime-local"
            value={toLocalInput(draft.to)}
            onChange={(e) => set('to', fromLocalInput(e.target.value))}
            {...described('to')}
          />
          {errorOf('to')}
        </div>
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
