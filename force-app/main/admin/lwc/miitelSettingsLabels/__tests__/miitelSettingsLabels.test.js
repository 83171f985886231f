import { LABELS, format } from 'c/miitelSettingsLabels';

describe('c/miitelSettingsLabels', () => {
  it('exposes every label by its short name', () => {
    expect(LABELS.SETTINGS_SAVE).toBe('c.MiiTel_Settings_Save');
    expect(LABELS.COMMENT_LENGTH).toBe('c.MiiTel_Comment_Length');
    expect(Object.isFrozen(LABELS)).toBe(true);
  });

  it('fills numbered placeholders in any order and repeats', () => {
    expect(format('{1} / {0} ({1})', 30000, 120)).toBe('120 / 30000 (120)');
  });

  it('leaves placeholders without a value', () => {
    expect(format('{0} of {1}', 'a', null)).toBe('a of {1}');
    expect(format('{0}', undefined)).toBe('{0}');
  });
});
