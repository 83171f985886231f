/** What a DML operation (data/dml.ts) takes and gives back: its kind, options, per-record results and errors. */
import type { Pos } from '../ast/nodes.ts';
import type { FieldDescribe } from '../schema/schema.ts';

export type DmlKind = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

export interface DmlError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface DmlResult {
  id: string | null;
  success: boolean;
  created: boolean;
  errors: DmlError[];
}

export interface DmlOptions {
  allOrNone: boolean;
  externalIdField?: FieldDescribe;
  pos: Pos;
  /** `as user` / AccessLevel.USER_MODE; system mode when absent. */
  accessLevel?: 'user' | 'system';
}
