/**
 * @module
 * AWS Signature Version 4 with Web Crypto (Workers, Node, Deno), for Amazon SES's HTTP API: the
 * `Authorization` and `X-Amz-Date` headers of one request, signed over its method, path, query,
 * `host`, `content-type`, `x-amz-date` and body.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import { sha256Hex, toHex } from './encoding.ts';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

export interface AwsRequest {
  method: string;
  url: URL;
  /** Only `content-type` is signed besides `host` and `x-amz-date`. */
  contentType?: string;
  body: string;
}

const encoder = new TextEncoder();

async function hmac(key: Uint8Array<ArrayBuffer>, data: string): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    key,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(data)));
}

/** RFC 3986 encoding, as SigV4 wants it: `encodeURIComponent` plus `!'()*`. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** `20150830T123600Z`: the time of the signature, which AWS accepts within 15 minutes. */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The headers to add to the request: `authorization` and `x-amz-date`. */
export async function signAwsRequest(
  request: AwsRequest,
  credentials: AwsCredentials,
  now: Date,
): Promise<Record<string, string>> {
  const date = amzDate(now);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = {
    ...(request.contentType && { 'content-type': request.contentType }),
    host: request.url.host,
    'x-amz-date': date,
  };
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const path = request.url.pathname.split('/').map(uriEncode).join('/') || '/';
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery(request.url),
    ...names.map((name) => `${name}:${headers[name]!.trim()}`),
    '',
    signedHeaders,
    await sha256Hex(encoder.encode(request.body)),
  ].join('\n');
  const scope = `${day}/${credentials.region}/${credentials.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    date,
    scope,
    await sha256Hex(encoder.encode(canonicalRequest)),
  ].join('\n');
  let key = await hmac(encoder.encode(`AWS4${credentials.secretAccessKey}`), day);
  for (const part of [credentials.region, credentials.service, 'aws4_request']) {
    key = await hmac(key, part);
  }
  const signature = toHex(await hmac(key, stringToSign));
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    'x-amz-date': date,
  };
}
