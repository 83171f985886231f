/**
 * HTTP callouts in tests (Apex Developer Guide "Testing HTTP Callouts Using a Mock"):
 * `Test.setMock(HttpCalloutMock.class, mock)` registers the mock; `new Http().send(request)` then returns
 * `mock.respond(request)` and counts one callout (Limits.getCallouts, limit 100). Without a mock in a test method,
 * send() throws System.CalloutException ("Methods defined as TestMethod do not support Web service callouts", the Apex
 * Developer Guide's wording); outside tests there is no network: a RuntimeGap. HttpRequest and HttpResponse (Apex
 * Reference Guide "HttpRequest Class", "HttpResponse Class") keep endpoint, method, body (text or Blob), headers (names
 * as given), timeout, status and status code. Not modelled: the "uncommitted work pending" rule, WebServiceMock,
 * HttpCalloutMock continuations, certificates.
 */
import type { Pos } from '../ast/nodes.ts';
import type { TransactionContext } from '../interpreter/context.ts';
import { RuntimeGap } from '../values/errors.ts';
import { callOnValue } from '../interpreter/calls.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import { ApexBlob, ApexList, ApexObject, ApexTypeValue, NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, int, str, type Native } from './args.ts';

interface Message {
  body: string | null;
  headers: Map<string, string>;
}
interface RequestState extends Message {
  endpoint: string | null;
  method: string | null;
  timeout: number;
}
interface ResponseState extends Message {
  status: string | null;
  statusCode: number;
}

const mocks = new WeakMap<TransactionContext, ApexObject>();

export function newHttp(kind: string): NativeObject | undefined {
  switch (kind) {
    case 'http':
      return new NativeObject('Http', null);
    case 'httprequest':
      return new NativeObject<RequestState>('HttpRequest', {
        endpoint: null,
        method: null,
        body: null,
        headers: new Map(),
        timeout: 10000
      });
    case 'httpresponse':
      return new NativeObject<ResponseState>('HttpResponse', {
        status: null,
        statusCode: 0,
        body: null,
        headers: new Map()
      });
    default:
      return undefined;
  }
}

/** `Test.setMock(HttpCalloutMock.class, instance)`. */
export const SET_MOCK: Native = (it, _s, a, pos) => {
  const [type, mock] = a;
  if (a.length !== 2 || !(type instanceof ApexTypeValue)) {
    return NO_METHOD;
  }
  if (type.type.kind !== 'class' || type.type.cls.fullName !== 'System.HttpCalloutMock') {
    throw new RuntimeGap(`Test.setMock for ${it.str(type)} (only HttpCalloutMock is supported)`, pos);
  }
  if (!(mock instanceof ApexObject)) {
    return it.npe(pos);
  }
  mocks.set(it.ctx, mock);
  return null;
};

type Method<T> = (it: Interpreter, self: NativeObject<T>, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

const messageMethods = <T extends Message>(): Record<string, Method<T>> => ({
  getbody: (_it, m, a) => (a.length === 0 ? m.state.body : NO_METHOD),
  setbody: (it, m, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    m.state.body = a[0] === null ? null : str(it, a[0], pos);
    return null;
  },
  getbodyasblob: (_it, m, a) =>
    a.length === 0
      ? m.state.body === null
        ? null
        : new ApexBlob(new Uint8Array(Buffer.from(m.state.body, 'utf8')))
      : NO_METHOD,
  setbodyasblob: (_it, m, a) => {
    const blob = a[0];
    if (a.length !== 1 || !(blob instanceof ApexBlob || blob === null)) {
      return NO_METHOD;
    }
    m.state.body = blob === null ? null : Buffer.from(blob.bytes).toString('utf8');
    return null;
  },
  getheader: (it, m, a, pos) => (a.length === 1 ? (m.state.headers.get(str(it, a[0], pos)) ?? null) : NO_METHOD),
  setheader: (it, m, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    m.state.headers.set(str(it, a[0], pos), str(it, a[1], pos));
    return null;
  }
});

export const HTTP_REQUEST_METHODS: Record<string, Method<RequestState>> = {
  ...messageMethods<RequestState>(),
  getendpoint: (_it, r, a) => (a.length === 0 ? r.state.endpoint : NO_METHOD),
  setendpoint: (it, r, a, pos) => (a.length === 1 ? ((r.state.endpoint = str(it, a[0], pos)), null) : NO_METHOD),
  getmethod: (_it, r, a) => (a.length === 0 ? r.state.method : NO_METHOD),
  setmethod: (it, r, a, pos) => (a.length === 1 ? ((r.state.method = str(it, a[0], pos)), null) : NO_METHOD),
  settimeout: (it, r, a, pos) => (a.length === 1 ? ((r.state.timeout = int(it, a[0], pos)), null) : NO_METHOD)
};

export const HTTP_RESPONSE_METHODS: Record<string, Method<ResponseState>> = {
  ...messageMethods<ResponseState>(),
  getstatus: (_it, r, a) => (a.length === 0 ? r.state.status : NO_METHOD),
  setstatus: (it, r, a, pos) => (a.length === 1 ? ((r.state.status = str(it, a[0], pos)), null) : NO_METHOD),
  getstatuscode: (_it, r, a) => (a.length === 0 ? r.state.statusCode : NO_METHOD),
  setstatuscode: (it, r, a, pos) => (a.length === 1 ? ((r.state.statusCode = int(it, a[0], pos)), null) : NO_METHOD),
  getheaderkeys: (_it, r, a) => (a.length === 0 ? new ApexList(prim('String'), [...r.state.headers.keys()]) : NO_METHOD)
};

const LIMIT_CALLOUTS = 100;

export const HTTP_METHODS: Record<string, Method<null>> = {
  send: (it, _h, a, pos) => {
    const request = a[0];
    if (a.length !== 1 || !(request instanceof NativeObject && request.typeName === 'HttpRequest')) {
      return a.length === 1 && request === null ? it.npe(pos) : NO_METHOD;
    }
    const mock = mocks.get(it.ctx);
    if (!mock) {
      if (it.ctx.isTest) {
        return it.raise('CalloutException', 'Methods defined as TestMethod do not support Web service callouts', pos);
      }
      throw new RuntimeGap('HTTP callout outside a test (the local org runtime has no network)', pos);
    }
    if (it.ctx.limits.callouts >= LIMIT_CALLOUTS) {
      it.raise('LimitException', `Too many callouts: ${LIMIT_CALLOUTS + 1}`, pos);
    }
    it.ctx.limits.callouts++;
    return callOnValue(it, mock, 'respond', [request], pos);
  }
};
