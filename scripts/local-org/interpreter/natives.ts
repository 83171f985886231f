/**
 * The standard library as the interpreter sees it: built-in classes' static and instance methods, static fields and
 * constructors, and the Apex forms that reach into it (`Trigger.new`, `Account.SObjectType`, `X__mdt.getAll()`,
 * stubs, exception methods). stdlib/ implements it (stdlib/natives.ts) and depends on the interpreter, so the
 * interpreter names it through this interface, handed to it by runtime.ts, and never imports stdlib/.
 * A method answering `undefined` has nothing to say about the call (the interpreter goes on looking).
 */
import type { Pos } from '../ast/nodes.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import type { ClassInfo } from '../values/classes.ts';
import type { Interpreter } from './interpreter.ts';
import type { ApexObject, NativeObject, Value } from '../values/values.ts';

export interface Natives {
  callStaticNative(it: Interpreter, type: string, method: string, args: Value[], pos: Pos): Value;
  callInstanceNative(it: Interpreter, v: Value, method: string, args: Value[], pos: Pos): Value;
  constructNative(it: Interpreter, type: string, args: Value[], pos: Pos): Value;
  staticNativeField(it: Interpreter, type: string, name: string, pos: Pos): Value;
  /** `Account.SObjectType`, `Account.Name` (a field token). */
  sobjectStaticMember(it: Interpreter, objectName: string, member: string, pos: Pos): Value;
  /** `describe.fields`, `Account.SObjectType.fields`. */
  schemaProperty(it: Interpreter, v: NativeObject, name: string, pos: Pos): Value | undefined;
  /** `Trigger.new`, `Trigger.isInsert`, … */
  triggerField(it: Interpreter, name: string, pos: Pos): Value;
  customMetadataStatic(it: Interpreter, d: SObjectDescribe, method: string, args: Value[], pos: Pos): Value | undefined;
  customSettingStatic(it: Interpreter, d: SObjectDescribe, method: string, args: Value[], pos: Pos): Value | undefined;
  /** An instance method call on a stub made by `Test.createStub`. */
  stubCall(it: Interpreter, obj: ApexObject, name: string, args: Value[], pos: Pos): Value | undefined;
  exceptionMethod(it: Interpreter, exc: ApexObject, name: string, args: Value[], pos: Pos): Value | undefined;
  /** Queues a `@future` call: `run` is called later with copies of the arguments (stdlib/async.ts). */
  queueFuture(
    it: Interpreter,
    owner: ClassInfo,
    method: string,
    args: Value[],
    run: (args: Value[]) => void,
    pos: Pos
  ): void;
}
