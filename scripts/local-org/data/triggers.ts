/**
 * Apex triggers (Apex Developer Guide, "Triggers", "Trigger Context Variables"): the project's `.trigger` files run
 * for their object and events, in file-name order, with Trigger.new/old/newMap/oldMap and the is* flags. A trigger
 * that does DML fires triggers again (recursion is the code's business, as on the platform) up to a depth of 16.
 */
import type { Pos, TriggerEvent } from '../ast/nodes.ts';
import { ClassInfo } from '../values/classes.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { DataHost, TriggerContext } from './host.ts';
import type { SObjectDescribe } from '../schema/schema.ts';

const MAX_TRIGGER_DEPTH = 16;
const triggerClasses = new WeakMap<object, ClassInfo>();

export function runTriggers(
  it: DataHost,
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
    try {
      it.runInFrame(cls, `Trigger.${trigger.name}`, trigger.body, trigger.pos);
    } finally {
      it.ctx.triggerStack.pop();
    }
  }
}
