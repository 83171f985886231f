/**
 * OAuth for the local org (Salesforce Help, "OAuth 2.0 Client Credentials Flow"; "Username-Password Flow"; "Refresh
 * Token Flow"): `POST /services/oauth2/token` hands out access tokens shaped like Salesforce session ids
 * (`<15-character org id>!<random>`, which sf requires), and every other API call needs one as a bearer token.
 * Besides issued tokens, one fixed token is always valid (printed at start, `LOCAL_ORG_TOKEN` to choose it), so
 * `sf org login access-token` keeps working across restarts. Client ids and secrets are not checked: this org only
 * listens on 127.0.0.1.
 */
import { createHash, randomBytes } from 'node:crypto';
import { HttpError, bodyForm, json, type Req, type Res } from './http.ts';
import type { Json } from './json-values.ts';

export const TOKEN_SHAPE = /^00D\w{12,15}!/;

export class Auth {
  private readonly issued = new Set<string>();
  /** The token that is always valid (`LOCAL_ORG_TOKEN`, or one derived from the org id). */
  readonly fixedToken: string;

  constructor(
    readonly organizationId: string,
    readonly userId: string,
    readonly username: string,
    fixedToken?: string
  ) {
    this.fixedToken = fixedToken ?? `${organizationId.slice(0, 15)}!LOCAL.miitel-local-org-token`;
    if (!TOKEN_SHAPE.test(this.fixedToken)) {
      throw new Error(`LOCAL_ORG_TOKEN must look like a Salesforce session id (${String(TOKEN_SHAPE)})`);
    }
  }

  private newToken(): string {
    const token = `${this.organizationId.slice(0, 15)}!AQ${randomBytes(24).toString('base64url')}`;
    this.issued.add(token);
    return token;
  }

  /** `Authorization: Bearer <token>` (or `OAuth <token>`) names a valid token; else 401 INVALID_SESSION_ID. */
  check(req: Req): void {
    const header = req.headers.authorization ?? '';
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header.trim());
    const token = m?.[1];
    if (!token || (token !== this.fixedToken && !this.issued.has(token))) {
      throw new HttpError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
  }

  token(req: Req, instanceUrl: string): Res {
    const form = bodyForm(req);
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials' && grant !== 'password' && grant !== 'refresh_token') {
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: 'grant type not supported (client_credentials, password, refresh_token)'
      });
    }
    const accessToken = this.newToken();
    const issuedAt = String(Date.now());
    const id = `${instanceUrl}/id/${this.organizationId}/${this.userId}`;
    const signature = createHash('sha256').update(`${id}${issuedAt}${accessToken}`).digest('base64');
    const body: { [key: string]: Json } = {
      access_token: accessToken,
      instance_url: instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature,
      scope: 'api'
    };
    if (grant !== 'client_credentials') {
      body.refresh_token = `5Aep${randomBytes(24).toString('base64url')}`;
    }
    return json(200, body);
  }

  userinfo(instanceUrl: string, email: string, name: string): Res {
    return json(200, {
      sub: `${instanceUrl}/id/${this.organizationId}/${this.userId}`,
      user_id: this.userId,
      organization_id: this.organizationId,
      preferred_username: this.username,
      email,
      name,
      locale: 'ja_JP',
      zoneinfo: 'Asia/Tokyo',
      urls: {
        rest: `${instanceUrl}/services/data/v{version}/`,
        sobjects: `${instanceUrl}/services/data/v{version}/sobjects/`,
        query: `${instanceUrl}/services/data/v{version}/query/`
      }
    });
  }
}
