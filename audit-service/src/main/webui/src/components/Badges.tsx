export function SensitivityBadge({ level }: { level: string }) {
  return <span className={`badge badge-${level}`}>{level}</span>;
}

export function ActionBadge({ action }: { action: string }) {
  return <span className={`chip chip-${action}`}>{action}</span>;
}
