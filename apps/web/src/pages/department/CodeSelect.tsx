import type { CatalogView } from '@budgetflow/contracts';

/** A classification code picked from the year's catalog (leaf-level codes: 7 digits functional, 5 digits economic). */
export function CodeSelect({
  catalog,
  scheme,
  value,
  onChange,
  ...aria
}: {
  catalog: CatalogView | null;
  scheme: 'functional' | 'economic';
  value: string;
  onChange: (code: string) => void;
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const leafLength = scheme === 'functional' ? 7 : 5;
  const entries = (catalog?.[scheme] ?? []).filter((entry) => entry.code.length === leafLength);
  if (entries.length === 0) return <input {...aria} value={value} onChange={(e) => onChange(e.target.value)} />;
  const known = entries.some((entry) => entry.code === value);
  return (
    <select {...aria} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">请选择</option>
      {!known && value && <option value={value}>{value}（不在目录中）</option>}
      {entries.map((entry) => (
        <option key={entry.code} value={entry.code}>
          {entry.code} {entry.name}
        </option>
      ))}
    </select>
  );
}
