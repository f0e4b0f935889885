import type { DirectoryEntry } from '../api/directory';
import './names.css';
import { Link } from '../lib/router';
import { useNames } from '../lib/names';

/** The id as the UI showed it before names: its first 8 characters. */
export function shortId(id: string | null | undefined): string {
  return id ? (id.length > 13 ? `${id.slice(0, 8)}…` : id) : '—';
}

/** "member-5ab4@pjctrl.example" -> "member-5ab4@…": enough to tell people apart, the whole address in the tooltip. */
export function shortEmail(email: string): string {
  const at = email.indexOf('@');
  return at > 0 ? `${email.slice(0, at + 1)}…` : email;
}

/**
 * How much of the type a label says: "task 'Fix login bug'" but "Dana Reyes (dana@…)" by default; "user Dana Reyes
 * (dana@…)" typed (where people and things share a column); "'Fix login bug'" bare (the type is shown beside it).
 */
export type LabelMode = 'default' | 'typed' | 'bare';

/**
 * The words for a resource: "Dana Reyes (dana@…)" for a user, "task 'Fix login bug'" for the rest; "erased user" once
 * the person was erased; the short id while (or when) the directory does not know it.
 */
export function entityLabel(
  type: string,
  id: string | null | undefined,
  entry: DirectoryEntry | null | undefined,
  mode: LabelMode = 'default',
): string {
  if (!id) {
    return '—';
  }
  const typed = mode === 'typed' || (mode === 'default' && type !== 'user');
  const prefix = typed ? `${type} ` : '';
  if (entry?.erased) {
    return mode === 'bare' ? '(erased)' : `erased ${type}`;
  }
  if (type === 'user' && entry && (entry.name || entry.email)) {
    const person = entry.name && entry.email ? `${entry.name} (${shortEmail(entry.email)})` : (entry.name ?? shortEmail(entry.email!));
    return prefix + person;
  }
  if (entry?.name) {
    return `${prefix}'${entry.name}'`;
  }
  return prefix + shortId(id);
}

/** As EntryDetails' historyPath (not imported from there: EntryDetails imports this file). */
function historyPath(resourceType: string, resourceId: string): string {
  return `/resources/${encodeURIComponent(resourceType)}/${encodeURIComponent(resourceId)}`;
}

interface Props {
  type: string;
  id: string | null | undefined;
  /** Link to the resource's history (the id one click away); otherwise plain text with the id as tooltip. */
  link?: boolean;
  mode?: LabelMode;
}

/** A resource or person by name, the full id in the tooltip (and a link to its history when asked). */
export function EntityName({ type, id, link = false, mode = 'default' }: Props) {
  const names = useNames([id]);
  const entry = names(id);
  if (!id) {
    return <span className="muted">{type === 'user' ? 'system' : '—'}</span>;
  }
  const label = entityLabel(type, id, entry, mode);
  const title = `${type} ${id}${entry?.email ? ` · ${entry.email}` : ''}`;
  const className = `entity-name${entry?.erased ? ' is-erased' : ''}${entry?.name || entry?.email ? ' is-named' : ''}`;
  return link ? (
    <Link to={historyPath(type, id)} className={className} title={title} data-entity-id={id}>
      {label}
    </Link>
  ) : (
    <span className={className} title={title} data-entity-id={id}>
      {label}
    </span>
  );
}

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function IdName({ id }: { id: string }) {
  const entry = useNames([id])(id);
  if (!entry) {
    return <code title={id}>{id}</code>;
  }
  return (
    <span className={`entity-name is-named${entry.erased ? ' is-erased' : ''}`} title={`${entry.resource_type} ${id}`} data-entity-id={id}>
      {entityLabel(entry.resource_type, id, entry)}
    </span>
  );
}

/** Server text that names things by id (an alert's message): each UUID the directory knows becomes its name. */
export function NamedText({ text }: { text: string }) {
  const parts: Array<string | { id: string }> = [];
  let last = 0;
  for (const match of text.matchAll(UUID_IN_TEXT)) {
    parts.push(text.slice(last, match.index), { id: match[0] });
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, index) => (typeof part === 'string' ? part : <IdName key={index} id={part.id} />))}
    </>
  );
}
