/**
 * System.URL (Apex Reference Guide "URL Class"), parsed like java.net.URL: getPath() is '' for `https://host`,
 * getQuery() and getRef() are null when absent, getPort() is -1 unless the URL names a port. getOrgDomainUrl() and
 * getSalesforceBaseUrl() are the local org's My Domain, `https://miitel-local.my.salesforce.com` (made up).
 * Not implemented (RuntimeGap): getCurrentRequestUrl() (there is no request page), getFileFieldURL(); a malformed URL
 * (the platform's exception for it is not documented).
 */
import type { Pos } from '../ast/nodes.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, str, type Native } from './args.ts';

export const ORG_DOMAIN_URL = 'https://miitel-local.my.salesforce.com';

interface UrlParts {
  protocol: string;
  userInfo: string | null;
  host: string;
  port: number;
  path: string;
  query: string | null;
  ref: string | null;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21 };

function parse(spec: string, pos: Pos): UrlParts {
  const m =
    /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(?:([^@/?#]*)@)?([^:/?#]*)(?::(\d+))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(
      spec.trim()
    );
  if (!m) {
    throw new RuntimeGap(`malformed URL '${spec}' (the platform's exception for it is not documented)`, pos);
  }
  return {
    protocol: (m[1] ?? '').toLowerCase(),
    userInfo: m[2] ?? null,
    host: m[3] ?? '',
    port: m[4] === undefined ? -1 : Number(m[4]),
    path: m[5] ?? '',
    query: m[6] ?? null,
    ref: m[7] ?? null
  };
}

function format(u: UrlParts): string {
  const auth = `${u.userInfo === null ? '' : `${u.userInfo}@`}${u.host}${u.port === -1 ? '' : `:${u.port}`}`;
  return `${u.protocol}://${auth}${u.path}${u.query === null ? '' : `?${u.query}`}${u.ref === null ? '' : `#${u.ref}`}`;
}

const url = (parts: UrlParts): NativeObject<UrlParts> => new NativeObject('URL', parts, format(parts), format(parts));
const NO_POS: Pos = { file: '<system>', line: 0, column: 0 };

/** `new URL(spec)`, `new URL(context, spec)`, `new URL(protocol, host, file)`, `new URL(protocol, host, port, file)`. */
export function newUrl(it: Interpreter, args: Value[], pos: Pos): Value | null {
  const [a, b, c, d] = args;
  if (args.length === 1) {
    return url(parse(str(it, a, pos), pos));
  }
  if (args.length === 2 && a instanceof NativeObject && a.typeName === 'URL') {
    // Relative resolution as java.net.URL(URL context, String spec) (RFC 3986 reference resolution).
    return url(parse(new URL(str(it, b, pos), format(a.state as UrlParts)).toString(), pos));
  }
  if (args.length === 3 || args.length === 4) {
    const port = args.length === 4 ? Number(c) : -1;
    const file = str(it, args.length === 4 ? d : c, pos);
    const parts = parse(`${str(it, a, pos)}://${str(it, b, pos)}${file}`, pos);
    return url({ ...parts, port });
  }
  return null;
}

export const URL_STATICS: Record<string, Native> = {
  getorgdomainurl: (_it, _s, a) => (a.length === 0 ? url(parse(ORG_DOMAIN_URL, NO_POS)) : NO_METHOD),
  getsalesforcebaseurl: (_it, _s, a) => (a.length === 0 ? url(parse(ORG_DOMAIN_URL, NO_POS)) : NO_METHOD)
};

type Method = (it: Interpreter, self: NativeObject, a: Value[], pos: Pos) => Value | typeof NO_METHOD;
const getter =
  (read: (u: UrlParts) => Value): Method =>
  (_it, self, a) =>
    a.length === 0 ? read(self.state as UrlParts) : NO_METHOD;

export const URL_METHODS: Record<string, Method> = {
  toexternalform: getter(format),
  tostring: getter(format),
  getprotocol: getter((u) => u.protocol),
  gethost: getter((u) => u.host),
  getport: getter((u) => u.port),
  getdefaultport: getter((u) => DEFAULT_PORTS[u.protocol] ?? -1),
  getpath: getter((u) => u.path),
  getquery: getter((u) => u.query),
  getref: getter((u) => u.ref),
  getuserinfo: getter((u) => u.userInfo),
  getfile: getter((u) => `${u.path}${u.query === null ? '' : `?${u.query}`}`),
  getauthority: getter(
    (u) => `${u.userInfo === null ? '' : `${u.userInfo}@`}${u.host}${u.port === -1 ? '' : `:${u.port}`}`
  ),
  samefile: (_it, self, a) => {
    const other = a[0];
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const strip = (u: UrlParts): string => format({ ...u, ref: null });
    return other instanceof NativeObject && other.typeName === 'URL'
      ? strip(self.state as UrlParts) === strip(other.state as UrlParts)
      : false;
  }
};
