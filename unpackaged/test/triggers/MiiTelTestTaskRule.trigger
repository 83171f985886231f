/**
 * Plays an admin's validation rule on Task for MiiTelWebhookFaults_Tests: while MiiTelTestTaskRuleSwitch.active, every
 * Task saved is refused with a field error, as a validation rule refuses it (the local org runtime does not evaluate
 * validation-rule formulas; a trigger's addError fails the row the same way: Apex Developer Guide, "Triggers and Order
 * of Execution"). Unpackaged test metadata: never deployed with the package.
 */
trigger MiiTelTestTaskRule on Task(before insert, before update) {
  if (MiiTelTestTaskRuleSwitch.active) {
    for (Schema.Task task : Trigger.new) {
      task.addError('Subject', MiiTelTestTaskRuleSwitch.MESSAGE);
    }
  }
}
