/**
 * Plays an admin's validation rule on Task for MiiTelWebhookFaults_Tests (MiiTelTestTaskRuleSwitch). Unpackaged test
 * metadata: never deployed with the package.
 */
trigger MiiTelTestTaskRule on Task(before insert, before update) {
  MiiTelTestTaskRuleSwitch.apply(Trigger.new);
}
