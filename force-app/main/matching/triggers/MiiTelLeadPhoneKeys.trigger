/**
 * Keeps the MiiTel phone key fields of Lead current in the same transaction as the edit, so that a call from a
 * number saved a second ago is matched. Logic lives in MiiTelPhoneKeys.
 */
trigger MiiTelLeadPhoneKeys on Lead(before insert, before update) {
  MiiTelPhoneKeys.onBeforeSave(Trigger.new);
}
