/**
 * A closed Salesforce gate. Mapped to `@salesforce/gate/bc.260.enableComboboxElementInternals`: with the gate open,
 * lightning-combobox calls attachInternals(), which synthetic shadow does not offer.
 */
export default { isOpen: () => false };
