/**
 * The standard library handed to the interpreter (interpreter/natives.ts `Natives`; runtime.ts passes it to every
 * Interpreter): the interpreter never imports stdlib/, which imports the interpreter.
 */
import type { Natives } from '../interpreter/natives.ts';
import { queueFuture } from './async.ts';
import { customMetadataStatic } from './custom-metadata.ts';
import { customSettingStatic } from './custom-settings.ts';
import { triggerField } from './database.ts';
import { exceptionMethod } from './exceptions.ts';
import { callInstanceNative, callStaticNative, constructNative, staticNativeField } from './index.ts';
import { schemaProperty, sobjectStaticMember } from './sobjects.ts';
import { stubCall } from './stubs.ts';

export const STANDARD_LIBRARY: Natives = {
  callStaticNative,
  callInstanceNative,
  constructNative,
  staticNativeField,
  sobjectStaticMember,
  schemaProperty,
  triggerField,
  customMetadataStatic,
  customSettingStatic,
  stubCall,
  exceptionMethod,
  queueFuture
};
