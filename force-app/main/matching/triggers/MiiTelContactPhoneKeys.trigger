/**
 * Keeps the MiiTel phone key fields of Contact current in the same transaction as the edit, so that a call from a
 * number saved a second ago is matched. Logic lives in MiiTelPhoneKeys.
 */
trigger MiiTelContactPhoneKeys on Contact(before insert, before update) {
  MiiTelPhoneKeys.onBeforeSave(Trigger.new);
}
