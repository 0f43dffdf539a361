import { type RefObject, useState } from 'react';
import type { Problem } from '@budgetflow/contracts';
import { type FileProblem, FileApiError } from '../files';
import { Done, Field, ProblemNotice, problemOf } from './common';
import { FileProblemTable } from './FileProblemTable';

export type FileAction = ReturnType<typeof useFileAction>;

/**
 * A page's file actions (upload, preview, download), one at a time: busy while one runs, then its message, or its
 * problem with the file's own errors when they name places in the file (`located`: rows of a list, cells of a workbook).
 */
export function useFileAction(located: (error: FileProblem) => boolean) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [fileErrors, setFileErrors] = useState<FileProblem[]>();
  /** Forgets what the last action said. */
  const clear = () => {
    setDone(undefined);
    setProblem(undefined);
    setFileErrors(undefined);
  };
  const run = async (action: () => Promise<string | undefined>) => {
    setBusy(true);
    clear();
    try {
      setDone(await action());
    } catch (error) {
      if (error instanceof FileApiError && error.fileErrors.some(located)) setFileErrors(error.fileErrors);
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, done, problem, fileErrors, run, clear, clearDone: () => setDone(undefined) };
}

/** What the last file action said: its message, or its problem (every error of a refused file in a table). */
export function FileActionOutcome({ action, caption, kind }: { action: FileAction; caption: string; kind?: 'workbook' | 'list' }) {
  return (
    <>
      <Done message={action.done} />
      {action.problem && action.fileErrors ? <FileProblemTable problem={action.problem} errors={action.fileErrors} kind={kind} caption={caption} /> : <ProblemNotice problem={action.problem} />}
    </>
  );
}

/** A labelled file input: the chosen file (or none) goes to `onFile`; `inputRef` lets the page empty it after an upload. */
export function FileField({ label, accept, inputRef, onFile }: { label: string; accept: string; inputRef: RefObject<HTMLInputElement | null>; onFile: (file: File | undefined) => void }) {
  return (
    <Field label={label}>
      {(props) => <input {...props} ref={inputRef} type="file" accept={accept} onChange={(e) => onFile(e.target.files?.[0])} />}
    </Field>
  );
}
