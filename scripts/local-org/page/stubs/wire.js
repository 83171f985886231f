/**
 * The LWC wire adapter protocol for the local page's stubs: a class with connect/update/disconnect calling
 * dataCallback({ data, error }). `load` turns a configuration into a promise of data, or undefined while the
 * configuration is incomplete (e.g. a '$' param still undefined); an unchanged configuration is not loaded again,
 * and only the newest load reaches the component.
 */
export function wireAdapter(load) {
  return class LocalOrgWireAdapter {
    constructor(dataCallback) {
      this.dataCallback = dataCallback;
      this.connected = false;
      this.config = undefined;
      this.key = undefined;
      this.run = 0;
    }

    connect() {
      this.connected = true;
      this.key = undefined;
      this.fetch();
    }

    disconnect() {
      this.connected = false;
      this.run += 1;
    }

    update(config) {
      this.config = config;
      this.fetch();
    }

    fetch() {
      if (!this.connected || !this.config) {
        return;
      }
      const key = JSON.stringify(this.config);
      if (key === this.key) {
        return;
      }
      const pending = load(this.config);
      if (!pending) {
        return;
      }
      this.key = key;
      const run = ++this.run;
      pending.then(
        (data) => run === this.run && this.dataCallback({ data, error: undefined }),
        (error) => run === this.run && this.dataCallback({ data: undefined, error })
      );
    }
  };
}
