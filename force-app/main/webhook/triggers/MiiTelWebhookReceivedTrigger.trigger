/**
 * Runs as the user PlatformEventSubscriberConfig MiiTelWebhookSubscriber names (the integration user), not as the
 * Site's guest user who published the event ("Configure the User and Batch Size for Your Platform Event Trigger with
 * PlatformEventSubscriberConfig", Platform Events Developer Guide). All logic is in MiiTelWebhookHandler.
 */
trigger MiiTelWebhookReceivedTrigger on MiiTel_Webhook_Received__e(after insert) {
  MiiTelWebhookHandler.handle(Trigger.new);
}
