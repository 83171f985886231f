import type { Pos } from './nodes.ts';

/** One problem found while loading Apex source: a syntax error or a construct the runtime does not support (yet). */
export interface LoadProblem {
  file: string;
  line: number;
  column: number;
  kind: 'syntax' | 'unsupported' | 'compile' | 'metadata';
  message: string;
}

export function formatProblem(p: LoadProblem): string {
  const what =
    p.kind === 'syntax'
      ? 'Apex syntax error'
      : p.kind === 'compile'
        ? 'Apex compile error'
        : p.kind === 'metadata'
          ? 'metadata refused'
          : 'unsupported construct';
  return `${p.file}:${p.line}: ${what}: ${p.message}`;
}

/** Thrown by the loader when any file has problems; lists every problem, each naming `file:line`. */
export class LoadError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'LoadError';
  }
}

/** Records an unsupported construct at `pos`. */
export function unsupported(pos: Pos, construct: string): LoadProblem {
  return {
    file: pos.file,
    line: pos.line,
    column: pos.column,
    kind: 'unsupported',
    message: `${construct} is not supported by the local org runtime yet`
  };
}
