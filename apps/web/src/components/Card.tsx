import type { ReactNode } from 'react';

/** A titled card of a page; `id` ties the heading to the section for screen readers. */
export function Card({ id, title, children, className = 'card' }: { id: string; title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={className} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
