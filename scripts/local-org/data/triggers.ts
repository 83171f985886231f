/**
 * Apex triggers (Apex Developer Guide, "Triggers", "Trigger Context Variables"): the project's `.trigger` files run
 * for their object and events, in file-name order, with Trigger.new/old/newMap/oldMap and the is* flags. A trigger
 * that does DML fires triggers again (recursion is the code's business, as on the platform) up to a depth of 16.
 */
import type { Pos, TriggerEvent } from '../ast/nodes.ts';
import { ClassInfo } from '../interpreter/classes.ts';
import { RuntimeGap } from '../interpreter/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { execute } from '../interpreter/statements.ts';
import type { ApexList, ApexMap } from '../interpreter/values.ts';
import type { SObjectDescribe } from '../schema/schema.ts';

export interface TriggerContext {
  event: TriggerEvent;
  newList: ApexList | null;
  oldList: ApexList | null;
  newMap: ApexMap | null;
  oldMap: ApexMap | null;
}

const MAX_TRIGGER_DEPTH = 16;
const triggerClasses = new WeakMap<object, ClassInfo>();

export function runTriggers(
  it: Interpreter,
  type: SObjectDescribe,
  event: TriggerEvent,
  data: Omit<TriggerContext, 'event'>,
  pos: Pos,
  /** Only this trigger (a platform event subscriber runs per trigger: stdlib/events.ts). */
  only?: string
): void {
  const triggers = it.registry.triggers.filter(
    (t) =>
      t.object.toLowerCase() === type.name.toLowerCase() &&
      t.events.includes(event) &&
      (only === undefined || t.name.toLowerCase() === only.toLowerCase())
  );
  for (const trigger of triggers) {
    if (it.ctx.triggerStack.length >= MAX_TRIGGER_DEPTH) {
      throw new RuntimeGap(`maximum trigger depth exceeded (${trigger.name})`, pos);
    }
    let cls = triggerClasses.get(trigger);
    if (!cls) {
      cls = new ClassInfo('class', trigger.name, trigger.name, trigger.file);
      triggerClasses.set(trigger, cls);
    }
    it.ctx.triggerStack.push({ event, ...data });
    const frame = it.pushFrame(cls, undefined, `Trigger.${trigger.name}`, trigger.pos);
    try {
      execute(it, trigger.body, frame);
    } finally {
      it.popFrame();
      it.ctx.triggerStack.pop();
    }
  }
}
