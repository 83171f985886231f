import { LightningElement, api } from 'lwc';
import { LABELS, format } from 'c/miitelSettingsLabels';

/** The bridge's limit on a Task comment, labels included (MiiTelTaskRenderer.MAX_COMMENT_LENGTH). */
const MAX_COMMENT_LENGTH = 30000;

/**
 * Edits one comment definition: an ordered list of merge fields, each with the label shown before its value.
 * Fires `change` with `detail.lines` (a new array of { field, label }) on every edit; the owner passes the lines back.
 * The character count comes from the owner's preview (rendered by Apex), never from templating here.
 */
export default class MiitelCommentBuilder extends LightningElement {
  /** Heading of the builder, e.g. コメント. */
  @api heading;
  /** Merge fields that can be added: [{ name, label }]. */
  @api mergeFields = [];
  /** Length of the previewed comment (labels and sample values), if known. */
  @api previewLength;
  /** Disables every control (while saving). */
  @api disabled = false;

  labels = LABELS;
  selectedField;
  _lines = [];

  /** The comment definition: [{ field, label }]. */
  @api
  get lines() {
    return this._lines;
  }
  set lines(value) {
    this._lines = Array.isArray(value) ? value : [];
  }

  get rows() {
    const last = this._lines.length - 1;
    return this._lines.map((line, index) => {
      const fieldLabel = this.labelOf(line.field);
      return {
        key: `${index}:${line.field}`,
        index,
        field: line.field,
        fieldLabel,
        label: line.label ?? '',
        inputLabel: format(LABELS.COMMENT_LINE_LABEL, fieldLabel),
        upLabel: format(LABELS.COMMENT_MOVE_UP, fieldLabel),
        downLabel: format(LABELS.COMMENT_MOVE_DOWN, fieldLabel),
        removeLabel: format(LABELS.COMMENT_REMOVE, fieldLabel),
        upDisabled: this.disabled || index === 0,
        downDisabled: this.disabled || index === last
      };
    });
  }

  get hasLines() {
    return this._lines.length > 0;
  }

  get fieldOptions() {
    const used = new Set(this._lines.map((line) => line.field));
    return (this.mergeFields ?? [])
      .filter((field) => !used.has(field.name))
      .map((field) => ({ label: field.label, value: field.name }));
  }

  get addDisabled() {
    return this.disabled || !this.selectedField;
  }

  get hasLength() {
    return typeof this.previewLength === 'number';
  }

  get overLimit() {
    return this.hasLength && this.previewLength > MAX_COMMENT_LENGTH;
  }

  get lengthText() {
    return format(LABELS.COMMENT_LENGTH, this.previewLength?.toLocaleString(), MAX_COMMENT_LENGTH.toLocaleString());
  }

  get lengthClass() {
    return `length slds-text-body_small ${this.overLimit ? 'slds-text-color_error' : 'slds-text-color_weak'}`;
  }

  get tooLongText() {
    return format(LABELS.COMMENT_TOO_LONG, MAX_COMMENT_LENGTH.toLocaleString());
  }

  labelOf(name) {
    return (this.mergeFields ?? []).find((field) => field.name === name)?.label ?? name;
  }

  handleFieldChoice(event) {
    this.selectedField = event.detail.value;
  }

  handleAdd() {
    if (!this.selectedField) {
      return;
    }
    const lines = [...this._lines, { field: this.selectedField, label: '' }];
    this.selectedField = undefined;
    this.fire(lines);
  }

  handleLabelChange(event) {
    const index = Number(event.target.dataset.index);
    const lines = this._lines.map((line, at) => (at === index ? { ...line, label: event.detail.value } : line));
    this.fire(lines);
  }

  handleMoveUp(event) {
    this.move(Number(event.currentTarget.dataset.index), -1);
  }

  handleMoveDown(event) {
    this.move(Number(event.currentTarget.dataset.index), 1);
  }

  handleRemove(event) {
    const index = Number(event.currentTarget.dataset.index);
    this.fire(this._lines.filter((line, at) => at !== index));
  }

  move(index, offset) {
    const target = index + offset;
    if (target < 0 || target >= this._lines.length) {
      return;
    }
    const lines = [...this._lines];
    [lines[index], lines[target]] = [lines[target], lines[index]];
    this.fire(lines);
  }

  fire(lines) {
    this._lines = lines;
    this.dispatchEvent(new CustomEvent('change', { detail: { lines } }));
  }
}
