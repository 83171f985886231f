import { LightningElement } from 'lwc';
import getDailyUsage from '@salesforce/apex/MiiTelApiUsageController.getDailyUsage';
import { LABELS, format } from 'c/miitelSettingsLabels';

// Drawing area in SVG user units (the SVG scales to its container's width).
const WIDTH = 560;
const HEIGHT = 160;
const LEFT = 36;
const BOTTOM = 20;
const TOP = 8;

function day(value) {
  // Apex Dates arrive as "YYYY-MM-DD": shown as M/D without a time zone shift.
  const [, month, date] = String(value).split('-');
  return `${Number(month)}/${Number(date)}`;
}

/** Rounds a maximum up to 1, 2 or 5 × a power of ten, so the axis reads well. */
function niceMax(value) {
  if (value <= 0) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

/**
 * Calls and org API calls saved per day over 14 days (MiiTelApiUsageController.getDailyUsage), drawn as paired bars
 * in plain SVG — no chart library. The SVG is an image with a text summary; the same figures are in a table for
 * screen readers.
 */
export default class MiitelUsageChart extends LightningElement {
  labels = LABELS;
  days;
  error;

  connectedCallback() {
    this.load();
  }

  async load() {
    this.error = undefined;
    try {
      this.days = await getDailyUsage();
    } catch (error) {
      this.error = error;
    }
  }

  get hasDays() {
    return Array.isArray(this.days) && this.days.length > 0;
  }

  get viewBox() {
    return `0 0 ${WIDTH} ${HEIGHT}`;
  }

  get max() {
    return niceMax(Math.max(0, ...this.days.map((entry) => Math.max(entry.calls ?? 0, entry.apiCallsSaved ?? 0))));
  }

  get bars() {
    const slot = (WIDTH - LEFT) / this.days.length;
    const bar = Math.max(2, Math.floor(slot / 3));
    const scale = (HEIGHT - BOTTOM - TOP) / this.max;
    const baseline = HEIGHT - BOTTOM;
    return this.days.map((entry, index) => {
      const x = LEFT + index * slot + (slot - 2 * bar) / 2;
      const callsHeight = (entry.calls ?? 0) * scale;
      const savedHeight = (entry.apiCallsSaved ?? 0) * scale;
      return {
        key: String(entry.day),
        callsX: x,
        savedX: x + bar,
        width: bar,
        callsY: baseline - callsHeight,
        callsHeight,
        savedY: baseline - savedHeight,
        savedHeight,
        labelX: x + bar,
        labelY: HEIGHT - 6,
        label: day(entry.day),
        // every other day labelled, today included, so 14 labels do not overlap on a narrow card
        showLabel: (this.days.length - 1 - index) % 2 === 0,
        calls: entry.calls ?? 0,
        saved: entry.apiCallsSaved ?? 0
      };
    });
  }

  get axis() {
    return {
      x1: LEFT,
      x2: WIDTH,
      baseline: HEIGHT - BOTTOM,
      top: TOP,
      maxLabel: this.max.toLocaleString(),
      labelX: LEFT - 4,
      maxY: TOP + 4,
      zeroY: HEIGHT - BOTTOM
    };
  }

  get summary() {
    const calls = this.days.reduce((sum, entry) => sum + (entry.calls ?? 0), 0);
    const saved = this.days.reduce((sum, entry) => sum + (entry.apiCallsSaved ?? 0), 0);
    return format(
      LABELS.USAGE_CHART_SUMMARY,
      day(this.days[0].day),
      day(this.days[this.days.length - 1].day),
      calls.toLocaleString(),
      saved.toLocaleString()
    );
  }
}
