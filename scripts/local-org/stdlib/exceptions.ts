/** Methods every Apex exception has (Apex Reference Guide, "Exception Class and Built-In Exceptions"). */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexObject, type Value } from '../values/values.ts';
import { optStr } from './args.ts';
import { dmlExceptionMethod } from './database.ts';

/** Runs a built-in exception method; undefined when `name` is not one. */
export function exceptionMethod(
  it: Interpreter,
  exc: ApexObject,
  name: string,
  args: Value[],
  pos: Pos
): Value | undefined {
  const data = exc.exception;
  if (!data) {
    return undefined;
  }
  switch (`${name.toLowerCase()}/${args.length}`) {
    case 'getmessage/0':
      return data.message;
    case 'setmessage/1':
      data.message = optStr(it, args[0], pos);
      return null;
    case 'getcause/0':
      return data.cause;
    case 'initcause/1': {
      const cause = args[0];
      data.cause = cause instanceof ApexObject ? cause : null;
      return null;
    }
    case 'gettypename/0':
      return exc.cls.fullName;
    case 'getlinenumber/0':
      return data.lineNumber;
    case 'getstacktracestring/0':
      return data.stackTrace;
    default:
      return dmlExceptionMethod(it, exc, name, args, pos);
  }
}
